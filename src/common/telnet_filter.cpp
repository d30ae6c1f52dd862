// RFC 854/855 input handling reduced to "refuse everything": DO x gets
// WONT x, WILL x gets DONT x, so the client stays in the default NVT mode
// and never waits for an answer. DONT/WONT need no reply (we never enabled
// anything); answering them could start a negotiation loop.
#include "telnet_filter.hpp"

namespace rasshost {

void TelnetFilter::feed(std::span<const std::byte> input, std::vector<std::byte>& data, std::vector<std::byte>& reply) {
    for (const std::byte b : input) {
        switch (state_) {
        case State::data:
            if (b == iac) state_ = State::command;
            else data.push_back(b);
            break;
        case State::command:
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
            break;
        case State::option:
            if (verb_ == do_) reply.insert(reply.end(), {iac, wont, b});
            else if (verb_ == will) reply.insert(reply.end(), {iac, dont, b});
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
}

void TelnetFilter::escape(std::span<const std::byte> output, std::vector<std::byte>& escaped) {
    for (const std::byte b : output) {
        escaped.push_back(b);
        if (b == iac) escaped.push_back(iac);
    }
}

}  // namespace rasshost
