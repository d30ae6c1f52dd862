// The telnet filter on tcp input: IAC sequences are removed and refused,
// wherever the reads split them.
#include <doctest/doctest.h>

#include "../../src/common/telnet_filter.hpp"

#include <string>
#include <vector>

using rasshost::TelnetFilter;

namespace {

constexpr char IAC = '\xFF', DONT = '\xFE', DO = '\xFD', WONT = '\xFC', WILL = '\xFB', SB = '\xFA', SE = '\xF0',
               NOP = '\xF1', AYT = '\xF6';

struct Filtered {
    std::string data;
    std::string reply;
};

std::span<const std::byte> bytes(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }
std::string text(const std::vector<std::byte>& v) { return {reinterpret_cast<const char*>(v.data()), v.size()}; }

// Feeds `input` in pieces cut at `cuts` (ascending offsets).
Filtered filter(const std::string& input, const std::vector<std::size_t>& cuts = {}) {
    TelnetFilter f;
    std::vector<std::byte> data, reply;
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

TEST_CASE("DO x is refused with WONT x and never reaches the data") {
    check_every_split(std::string("a") + IAC + DO + '\x01' + "b", "ab", std::string() + IAC + WONT + '\x01');
}

TEST_CASE("WILL x is refused with DONT x and never reaches the data") {
    check_every_split(std::string("a") + IAC + WILL + '\x18' + "b", "ab", std::string() + IAC + DONT + '\x18');
}

TEST_CASE("DONT and WONT are consumed without a reply") {
    check_every_split(std::string("a") + IAC + DONT + '\x01' + IAC + WONT + '\x03' + "b", "ab", "");
}

TEST_CASE("a subnegotiation is consumed, including escaped 0xFF inside") {
    const std::string sb = std::string() + IAC + SB + '\x1f' + '\x00' + '\x50' + IAC + IAC + '\x18' + IAC + SE;
    check_every_split("x" + sb + "y", "xy", "");
}

TEST_CASE("other two-byte commands are consumed") {
    check_every_split(std::string("a") + IAC + NOP + "b" + IAC + AYT + "c", "abc", "");
}

TEST_CASE("a typical client opening is fully refused, data intact") {
    // What a Linux telnet client sends on connect, then the user's typing.
    const std::string opening = std::string() + IAC + DO + '\x03' + IAC + WILL + '\x18' + IAC + WILL + '\x1f' + IAC +
                                WILL + '\x20' + IAC + WILL + '\x21' + IAC + WILL + '\x22' + IAC + WILL + '\x27' + IAC +
                                DO + '\x05';
    const std::string replies = std::string() + IAC + WONT + '\x03' + IAC + DONT + '\x18' + IAC + DONT + '\x1f' + IAC +
                                DONT + '\x20' + IAC + DONT + '\x21' + IAC + DONT + '\x22' + IAC + DONT + '\x27' + IAC +
                                WONT + '\x05';
    const auto result = filter(opening + "alice\r\n");
    CHECK(result.data == "alice\r\n");
    CHECK(result.reply == replies);
    // and byte by byte
    std::vector<std::size_t> every;
    for (std::size_t i = 1; i < opening.size() + 7; ++i) every.push_back(i);
    const auto bytewise = filter(opening + "alice\r\n", every);
    CHECK(bytewise.data == "alice\r\n");
    CHECK(bytewise.reply == replies);
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
