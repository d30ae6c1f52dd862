// The telnet filter on tcp input: IAC sequences are removed and answered
// per RFC 1143 (ECHO and SGA, which the host offers, accepted; the rest
// refused), CR NUL is a CR, wherever the reads split them.
#include <doctest/doctest.h>

#include "common/telnet_filter.hpp"

#include <string>
#include <vector>

using rasshost::TelnetFilter;

namespace {

constexpr char IAC = '\xFF', DONT = '\xFE', DO = '\xFD', WONT = '\xFC', WILL = '\xFB', SB = '\xFA', SE = '\xF0',
               NOP = '\xF1', AYT = '\xF6', ECHO = '\x01', SGA = '\x03';

std::string cmd(char verb, char option) { return std::string() + IAC + verb + option; }

struct Filtered {
    std::string data;
    std::string reply;
};

std::span<const std::byte> bytes(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }
std::string text(const std::vector<std::byte>& v) { return {reinterpret_cast<const char*>(v.data()), v.size()}; }

// Feeds `input` in pieces cut at `cuts` (ascending offsets) to a filter
// that made the host's offer first, as on a tcp line; the offer is not in
// the reply.
Filtered filter(const std::string& input, const std::vector<std::size_t>& cuts = {}) {
    TelnetFilter f;
    std::vector<std::byte> data, reply;
    f.offer(reply);
    reply.clear();
    std::size_t from = 0;
    for (const auto cut : cuts) {
        f.feed(bytes(input.substr(from, cut - from)), data, reply);
        from = cut;
    }
    f.feed(bytes(input.substr(from)), data, reply);
    return {text(data), text(reply)};
}

// Checks `input` against the expected result for every single cut and every
// pair of cuts: the state machine must not care where reads end.
void check_every_split(const std::string& input, const std::string& data, const std::string& reply) {
    CAPTURE(input);
    const auto whole = filter(input);
    CHECK(whole.data == data);
    CHECK(whole.reply == reply);
    for (std::size_t i = 0; i <= input.size(); ++i) {
        for (std::size_t j = i; j <= input.size(); ++j) {
            CAPTURE(i);
            CAPTURE(j);
            const auto split = filter(input, {i, j});
            REQUIRE(split.data == data);
            REQUIRE(split.reply == reply);
        }
    }
}

}  // namespace

TEST_CASE("plain data passes through unchanged") {
    check_every_split("user\r\npass\x01\x7f", "user\r\npass\x01\x7f", "");
}

TEST_CASE("IAC IAC is one 0xFF data byte") {
    check_every_split(std::string("a") + IAC + IAC + "b", std::string("a") + IAC + "b", "");
}

TEST_CASE("the host offers WILL ECHO and WILL SGA") {
    TelnetFilter f;
    std::vector<std::byte> reply;
    f.offer(reply);
    CHECK(text(reply) == cmd(WILL, ECHO) + cmd(WILL, SGA));
}

TEST_CASE("DO ECHO and DO SGA take the offer: no reply, and none to a repeat") {
    check_every_split("a" + cmd(DO, ECHO) + cmd(DO, SGA) + "b" + cmd(DO, ECHO) + cmd(DO, SGA), "ab", "");
}

TEST_CASE("DONT ECHO after it was on is confirmed with WONT once -- a repeat gets nothing, DO turns it on again") {
    const std::string on = cmd(DO, ECHO);
    check_every_split(on + cmd(DONT, ECHO) + cmd(DONT, ECHO) + "a" + cmd(DO, ECHO) + cmd(DO, ECHO), "a",
                      cmd(WONT, ECHO) + cmd(WILL, ECHO));
}

TEST_CASE("DONT SGA declining the offer gets no reply") {
    check_every_split(cmd(DONT, SGA) + cmd(DONT, SGA) + "a", "a", "");
}

TEST_CASE("DO x for any other option is refused with WONT x, each time, and never reaches the data") {
    check_every_split("a" + cmd(DO, '\x05') + "b" + cmd(DO, '\x05'), "ab", cmd(WONT, '\x05') + cmd(WONT, '\x05'));
}

TEST_CASE("WILL x is refused with DONT x, ECHO and SGA included (the client's side stays off)") {
    check_every_split("a" + cmd(WILL, '\x18') + cmd(WILL, ECHO) + cmd(WILL, SGA) + "b", "ab",
                      cmd(DONT, '\x18') + cmd(DONT, ECHO) + cmd(DONT, SGA));
}

TEST_CASE("DONT and WONT for options that are off are consumed without a reply") {
    check_every_split("a" + cmd(DONT, '\x05') + cmd(WONT, ECHO) + cmd(WONT, '\x03') + "b", "ab", "");
}

TEST_CASE("CR NUL is a CR -- CR LF, a NUL elsewhere and CR CR NUL stay data") {
    check_every_split(std::string("a\r\0b\r\nc\0d\r\r\0e", 13), std::string("a\rb\r\nc\0d\r\re", 11), "");
}

TEST_CASE("CR before a command: the command is consumed, the CR stays") {
    check_every_split("a\r" + cmd(DO, '\x05') + "b", "a\rb", cmd(WONT, '\x05'));
}

TEST_CASE("a subnegotiation is consumed, including escaped 0xFF inside") {
    const std::string sb = std::string() + IAC + SB + '\x1f' + '\x00' + '\x50' + IAC + IAC + '\x18' + IAC + SE;
    check_every_split("x" + sb + "y", "xy", "");
}

TEST_CASE("other two-byte commands are consumed") {
    check_every_split(std::string("a") + IAC + NOP + "b" + IAC + AYT + "c", "abc", "");
}

TEST_CASE("a typical client opening: the offer taken, the rest refused, data intact") {
    // What a Linux telnet client sends on connect (answering the offer,
    // offering its own options), then the user's typing and Return.
    const std::string opening = cmd(DO, ECHO) + cmd(DO, SGA) + cmd(WILL, '\x18') + cmd(WILL, '\x1f') +
                                cmd(WILL, '\x20') + cmd(WILL, '\x21') + cmd(WILL, '\x22') + cmd(WILL, '\x27') +
                                cmd(DO, '\x05') + cmd(WILL, SGA);
    const std::string replies = cmd(DONT, '\x18') + cmd(DONT, '\x1f') + cmd(DONT, '\x20') + cmd(DONT, '\x21') +
                                cmd(DONT, '\x22') + cmd(DONT, '\x27') + cmd(WONT, '\x05') + cmd(DONT, SGA);
    const std::string typed("alice\r\0", 7);
    const auto result = filter(opening + typed);
    CHECK(result.data == "alice\r");
    CHECK(result.reply == replies);
    // and byte by byte
    std::vector<std::size_t> every;
    for (std::size_t i = 1; i < opening.size() + typed.size(); ++i) every.push_back(i);
    const auto bytewise = filter(opening + typed, every);
    CHECK(bytewise.data == "alice\r");
    CHECK(bytewise.reply == replies);
}

TEST_CASE("answers are never longer than the requests: a flood of them is bounded by what is read") {
    std::string requests;
    for (int i = 0; i < 1000; ++i) requests += cmd(static_cast<char>(DONT - i % 4), static_cast<char>(i % 7));
    CHECK(filter(requests).reply.size() <= requests.size());
    CHECK(filter(requests, {1, 2, 700, 1501}).reply == filter(requests).reply);
}

TEST_CASE("a subnegotiation that never ends is abandoned after its bound") {
    const std::string endless = std::string() + IAC + SB + std::string(TelnetFilter::max_subnegotiation, 'z');
    const auto result = filter(endless + "after");
    CHECK(result.data == "after");
}

TEST_CASE("every command byte is consumed after IAC, whatever follows") {
    for (int command = 0xF0; command <= 0xFE; ++command) {
        CAPTURE(command);
        const char c = static_cast<char>(command);
        const bool takes_option = c == DO || c == DONT || c == WILL || c == WONT;
        if (c == SB) continue;  // covered above
        const auto result = filter(std::string("a") + IAC + c + (takes_option ? "\x01" : "") + "b");
        CHECK(result.data == "ab");
    }
}

TEST_CASE("output escapes 0xFF as IAC IAC and nothing else") {
    std::vector<std::byte> escaped;
    const std::string out = std::string("a") + IAC + "b" + IAC + IAC;
    TelnetFilter::escape(bytes(out), escaped);
    CHECK(text(escaped) == std::string("a") + IAC + IAC + "b" + IAC + IAC + IAC + IAC);
}
