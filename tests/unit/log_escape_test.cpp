// log_escape: what a remote user or a DLL puts in a string cannot forge a
// log line, drive the operator's terminal or break the quoting, and the
// original bytes can always be recovered.
#include <doctest/doctest.h>
#include <rasshost/log_escape.hpp>

#include <string>
#include <string_view>

using rasshost::log_escape;
using rasshost::log_unescape;
using namespace std::string_literals;

namespace {

// Escapes, checks the round trip, returns the escaped text.
std::string escaped(std::string_view text) {
    const auto out = log_escape(text);
    const auto back = log_unescape(out);
    REQUIRE(back.has_value());
    CHECK(*back == text);
    return out;
}

}  // namespace

TEST_CASE("log_escape: printable ASCII is kept, quotes and backslashes are escaped") {
    CHECK(escaped("alice") == "alice");
    CHECK(escaped("CORP\\bob") == "CORP\\\\bob");
    CHECK(escaped("say \"hi\"") == "say \\\"hi\\\"");
    CHECK(escaped(" ~!#$%&'()*+,-./:;<=>?@[]^_`{|}") == " ~!#$%&'()*+,-./:;<=>?@[]^_`{|}");
    CHECK(escaped("") == "");
}

TEST_CASE("log_escape: CR and LF cannot start a forged line") {
    const auto out = escaped("mallory\r\ntcp 127.0.0.1:1: SUCCESS user \"root\"");
    CHECK(out == "mallory\\x0d\\x0atcp 127.0.0.1:1: SUCCESS user \\\"root\\\"");
    CHECK(out.find('\r') == std::string::npos);
    CHECK(out.find('\n') == std::string::npos);
}

TEST_CASE("log_escape: control bytes, ESC sequences and DEL become \\xNN") {
    CHECK(escaped("\x1b[2J\x1b]0;owned\x07") == "\\x1b[2J\\x1b]0;owned\\x07");
    CHECK(escaped("a\0b"s) == "a\\x00b");
    CHECK(escaped("\t\x7f") == "\\x09\\x7f");
}

TEST_CASE("log_escape: C1 controls, raw or UTF-8 encoded, become \\xNN") {
    CHECK(escaped("\x9b" "31m") == "\\x9b31m");         // raw 8-bit CSI
    CHECK(escaped("\xc2\x9b" "31m") == "\\xc2\\x9b31m"); // U+009B encoded
    CHECK(escaped("\xc2\x85") == "\\xc2\\x85");          // NEL, a line break for some viewers
}

TEST_CASE("log_escape: well-formed printable UTF-8 is kept") {
    CHECK(escaped("J\xc3\xbcrgen") == "J\xc3\xbcrgen");                // U+00FC
    CHECK(escaped("\xe5\xb1\xb1\xe7\x94\xb0") == "\xe5\xb1\xb1\xe7\x94\xb0");  // CJK
    CHECK(escaped("\xf0\x9f\x94\x91") == "\xf0\x9f\x94\x91");          // U+1F511
    CHECK(escaped("\xc2\xa0") == "\xc2\xa0");                          // U+00A0, just past C1
}

TEST_CASE("log_escape: line separators and bidirectional controls become \\xNN") {
    CHECK(escaped("a\xe2\x80\xa8" "b") == "a\\xe2\\x80\\xa8b");     // U+2028
    CHECK(escaped("\xe2\x80\xae" "txt.exe") == "\\xe2\\x80\\xaetxt.exe");  // U+202E RLO
    CHECK(escaped("\xe2\x81\xa6") == "\\xe2\\x81\\xa6");            // U+2066
}

TEST_CASE("log_escape: bytes that are not well-formed UTF-8 become \\xNN") {
    CHECK(escaped("\xc0\xaf") == "\\xc0\\xaf");              // overlong '/'
    CHECK(escaped("\xe0\x80\xaf") == "\\xe0\\x80\\xaf");     // overlong, 3 bytes
    CHECK(escaped("\xed\xa0\x80") == "\\xed\\xa0\\x80");     // surrogate U+D800
    CHECK(escaped("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
    CHECK(escaped("\xff\xfe") == "\\xff\\xfe");
    CHECK(escaped("ok\xc3") == "ok\\xc3");                   // truncated at the end
    CHECK(escaped("\xe2\x82" "A") == "\\xe2\\x82A");         // truncated in the middle
    CHECK(escaped("\x80\xc3\xa9") == "\\x80\xc3\xa9");       // stray continuation, then a good one
}

TEST_CASE("log_escape: an escaped text never closes its quotes") {
    const auto out = escaped("\\\"");  // a backslash and a quote: neither may end the value
    CHECK(out == "\\\\\\\"");
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] != '"') continue;
        std::size_t backslashes = 0;
        for (std::size_t k = i; k > 0 && out[k - 1] == '\\'; --k) ++backslashes;
        CHECK(backslashes % 2 == 1);
    }
}

TEST_CASE("log_unescape: refuses backslashes that log_escape never writes") {
    CHECK_FALSE(log_unescape("\\").has_value());
    CHECK_FALSE(log_unescape("\\n").has_value());
    CHECK_FALSE(log_unescape("\\x4").has_value());
    CHECK_FALSE(log_unescape("\\xg0").has_value());
    CHECK(log_unescape("\\x4A\\x4a").value() == "JJ");
}
