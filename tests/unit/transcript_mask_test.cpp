// TranscriptMask on its own: what a transcript shows of typed bytes and of
// the DLL's echo of them, and the bounds of its records.
#include "../../src/common/transcript_mask.hpp"

#include <doctest/doctest.h>

#include <string>

using rasshost::TranscriptMask;

namespace {

std::string received(TranscriptMask& mask, std::string bytes) {
    mask.received(bytes);
    return bytes;
}

std::string sent(TranscriptMask& mask, std::string bytes) {
    mask.sent(bytes);
    return bytes;
}

}  // namespace

TEST_CASE("transcript mask: every typed byte is masked, CR and LF kept") {
    TranscriptMask mask;
    CHECK(received(mask, "ab\x7f\x1b[A\r\n") == "******\r\n");
}

TEST_CASE("transcript mask: an echo is masked in order, a chunk or a byte at a time") {
    TranscriptMask mask;
    CHECK(sent(mask, "Name: ") == "Name: ");
    received(mask, "bob\r");
    CHECK(sent(mask, "bob") == "***");
    CHECK(sent(mask, "\r\nNext: ") == "\r\nNext: ");
    received(mask, "x");
    received(mask, "z");
    CHECK(sent(mask, "x") == "*");
    CHECK(sent(mask, "z") == "*");
}

TEST_CASE("transcript mask: each typed byte masks at most one sent byte") {
    TranscriptMask mask;
    received(mask, "s");
    CHECK(sent(mask, "Password: ") == "Pa*sword: ");
    CHECK(sent(mask, "Password: ") == "Password: ");
}

TEST_CASE("transcript mask: a word typed is masked wherever the DLL repeats it") {
    TranscriptMask mask;
    received(mask, "+1 555-0100 199\r");
    CHECK(sent(mask, "+1 555-0100 199") == "***************");
    CHECK(sent(mask, "at +15550100199.") == "at +1**********.");
    // Words shorter than min_word are not searched for.
    CHECK(sent(mask, "+1") == "+1");
}

TEST_CASE("transcript mask: a rubout shortens the word being typed, its echo is shown") {
    TranscriptMask mask;
    received(mask, "4712\b1\r");
    CHECK(sent(mask, "4712\b \b1") == "****\b \b*");
    CHECK(sent(mask, "you typed 4711") == "you typed ****");
}

TEST_CASE("transcript mask: past its bound the echo record masks all output from then on") {
    TranscriptMask mask;
    const std::string typed = "k" + std::string(TranscriptMask::echo_limit + 10, 'q');
    received(mask, typed);  // 'k' and 10 'q' are dropped from the record
    for (char c : typed) CHECK(sent(mask, std::string(1, c)) == "*");  // echoed a byte at a time
    CHECK(sent(mask, "Hello\r\n") == "*****\r\n");
}

TEST_CASE("transcript mask: a word longer than word_max is remembered in pieces") {
    TranscriptMask mask;
    std::string word;
    for (std::size_t i = 0; i < TranscriptMask::word_max * 2 + 5; ++i) word += static_cast<char>('a' + i % 26);
    received(mask, word + "\r");
    CHECK(sent(mask, word) == std::string(word.size(), '*'));  // the echo
    CHECK(sent(mask, "[" + word + "]") == "[" + std::string(word.size(), '*') + "]");  // quoted later
}
