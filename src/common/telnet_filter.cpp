// RFC 854/855 input handling with RFC 1143's rules for answers: a request
// for the state an option is already in gets no reply, so the two sides
// can never loop. ECHO and SGA, which the host offers, are on while the
// client agrees; every other option is refused (DO x: WONT x, WILL x:
// DONT x) and stays off, so the client keeps the NVT defaults for it.
#include "common/telnet_filter.hpp"

namespace rasshost {

namespace {
constexpr std::byte cr{'\r'}, nul{0};
}

void TelnetFilter::offer(std::vector<std::byte>& reply) {
    for (const std::byte option : {echo, suppress_go_ahead}) {
        *ours(option) = Option::want_yes;
        reply.insert(reply.end(), {iac, will, option});
    }
}

void TelnetFilter::feed(std::span<const std::byte> input, std::vector<std::byte>& data, std::vector<std::byte>& reply) {
    for (const std::byte b : input) step(b, data, reply);
}

void TelnetFilter::step(std::byte b, std::vector<std::byte>& data, std::vector<std::byte>& reply) {
    switch (state_) {
    case State::data_after_cr:
        // NVT end of line: CR NUL is a bare CR (CR LF stays as it is).
        state_ = State::data;
        if (b == nul) break;
        [[fallthrough]];
    case State::data:
        if (b == iac) {
            state_ = State::command;
        } else {
            data.push_back(b);
            if (b == cr) state_ = State::data_after_cr;
        }
        break;
    case State::command:
        command(b, data);
        break;
    case State::option:
        negotiate(b, reply);
        state_ = State::data;
        break;
    case State::subnegotiation:  // skipped, nothing stored
        if (b == iac) state_ = State::subnegotiation_iac;
        else if (++subnegotiation_length_ == max_subnegotiation) state_ = State::data;
        break;
    case State::subnegotiation_iac:
        // IAC SE ends it; IAC IAC is an escaped 0xFF inside; anything
        // else is a malformed sequence, resynchronised by ending it.
        state_ = b == iac ? State::subnegotiation : State::data;
        break;
    }
}

// The byte after IAC.
void TelnetFilter::command(std::byte b, std::vector<std::byte>& data) {
    if (b == iac) {  // IAC IAC: a literal 0xFF data byte
        data.push_back(b);
        state_ = State::data;
    } else if (b == do_ || b == dont || b == will || b == wont) {
        verb_ = b;
        state_ = State::option;
    } else if (b == sb) {
        state_ = State::subnegotiation;
        subnegotiation_length_ = 0;
    } else {  // NOP, GA, AYT, BRK, IP, ...: two bytes, consumed
        state_ = State::data;
    }
}

// RFC 1143 on receipt of verb_ for `option`; the client's options are all
// NO and stay so, as are ours other than ECHO and SGA.
void TelnetFilter::negotiate(std::byte option, std::vector<std::byte>& reply) {
    const auto answer = [&](std::byte verb) { reply.insert(reply.end(), {iac, verb, option}); };
    if (verb_ == will) return answer(dont);  // refused
    if (verb_ == wont) return;               // already off
    Option* state = ours(option);
    if (state == nullptr) {
        if (verb_ == do_) answer(wont);  // refused; DONT: already off
        return;
    }
    if (verb_ == do_) {
        if (*state == Option::no) answer(will);  // asked again after a DONT: agreed
        *state = Option::yes;                    // want_yes: our offer taken, no reply
    } else {
        if (*state == Option::yes) answer(wont);  // on, now off: confirmed once
        *state = Option::no;                      // want_yes: our offer declined, no reply
    }
}

TelnetFilter::Option* TelnetFilter::ours(std::byte option) noexcept {
    if (option == echo) return &ours_[0];
    if (option == suppress_go_ahead) return &ours_[1];
    return nullptr;
}

void TelnetFilter::escape(std::span<const std::byte> output, std::vector<std::byte>& escaped) {
    for (const std::byte b : output) {
        escaped.push_back(b);
        if (b == iac) escaped.push_back(iac);
    }
}

}  // namespace rasshost
