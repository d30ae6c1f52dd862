// TranscriptMask on its own: what a transcript shows of typed bytes and of
// the DLL's echo of them, and the bounds of its records.
#include "common/transcript_mask.hpp"

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

// What a DLL sends after a line it never echoed (a password) shows as
// sent: the typed bytes do not mask the letters of a later message.
TEST_CASE("transcript mask: a password never echoed leaves the next message legible") {
    TranscriptMask mask;
    CHECK(sent(mask, "Password: ") == "Password: ");
    received(mask, "correct horse battery staple\r");
    CHECK(sent(mask, "\r\n") == "\r\n");  // the DLL ends the line it did not echo
    CHECK(sent(mask, "Welcome.\r\n") == "Welcome.\r\n");
    CHECK(sent(mask, "Last login: today from the console.\r\n") == "Last login: today from the console.\r\n");
}

TEST_CASE("transcript mask: a password never echoed, not even its line end, masks no message") {
    TranscriptMask mask;
    received(mask, "s3cret\r");
    CHECK(sent(mask, "Welcome, the secret is safe.\r\n") == "Welcome, the secret is safe.\r\n");
}

TEST_CASE("transcript mask: a name echoed a byte at a time, a password, then text") {
    TranscriptMask mask;
    CHECK(sent(mask, "Username: ") == "Username: ");
    for (char c : std::string("bob")) {
        received(mask, std::string(1, c));
        CHECK(sent(mask, std::string(1, c)) == "*");
    }
    received(mask, "\r");
    CHECK(sent(mask, "\r\n") == "\r\n");
    CHECK(sent(mask, "Password: ") == "Password: ");
    for (char c : std::string("lance1\r")) received(mask, std::string(1, c));
    CHECK(sent(mask, "\r\n") == "\r\n");
    CHECK(sent(mask, "Login incorrect.\r\n") == "Login incorrect.\r\n");
    CHECK(sent(mask, "Hello bob, balance 1.\r\n") == "Hello ***, balance 1.\r\n");  // a typed word stays masked
}

TEST_CASE("transcript mask: a password typed byte by byte and never echoed masks no message") {
    TranscriptMask mask;
    for (char c : std::string("s3cret")) received(mask, std::string(1, c));
    CHECK(sent(mask, "Welcome.\r\n") == "Welcome.\r\n");
}

TEST_CASE("transcript mask: a password that reappears in a message is still masked") {
    TranscriptMask mask;
    received(mask, "s3cret\r");
    CHECK(sent(mask, "\r\n") == "\r\n");
    CHECK(sent(mask, "Password s3cret is too weak.\r\n") == "Password ****** is too weak.\r\n");
}

TEST_CASE("transcript mask: a DLL that echoes '*' per typed byte shows its stars and then its text") {
    TranscriptMask mask;
    received(mask, "tiger\r");
    CHECK(sent(mask, "*****") == "*****");
    CHECK(sent(mask, "\r\nGreetings, traveller.\r\n") == "\r\nGreetings, traveller.\r\n");
}

TEST_CASE("transcript mask: a DLL that echoes part of a line then stops") {
    TranscriptMask mask;
    received(mask, "abcdefgh\r");
    CHECK(sent(mask, "abc") == "***");
    CHECK(sent(mask, "\r\nToo long, go ahead.\r\n") == "\r\nToo long, go ahead.\r\n");
}

TEST_CASE("transcript mask: a chunk that mixes echo and prompt") {
    TranscriptMask mask;
    received(mask, "al\r");
    CHECK(sent(mask, "al\r\nPassword: ") == "**\r\nPassword: ");
    received(mask, "pw\r");
    CHECK(sent(mask, "\r\nWelcome, al.\r\n") == "\r\nWelcome, al.\r\n");
}

TEST_CASE("transcript mask: a line typed ahead and received with the one before, echoed after a message") {
    TranscriptMask mask;
    received(mask, "4711\r+1 55\r");
    CHECK(sent(mask, "4711") == "****");
    CHECK(sent(mask, "\r\n") == "\r\n");
    CHECK(sent(mask, "Number not allowed.\r\n") == "Number not allowed.\r\n");
    CHECK(sent(mask, "Callback number: ") == "Callback number: ");
    CHECK(sent(mask, "+1 55") == "*****");
    CHECK(sent(mask, "\r\n") == "\r\n");
}

TEST_CASE("transcript mask: a control byte echoed as ^X is masked, and a rubout echoed a byte at a time") {
    TranscriptMask mask;
    received(mask, "ab\x01" "cd");
    CHECK(sent(mask, "ab^Acd") == "******");
    received(mask, "\x7f");
    CHECK(sent(mask, "\b") == "\b");
    CHECK(sent(mask, " ") == " ");
    CHECK(sent(mask, "\b") == "\b");
    received(mask, " e\r");
    CHECK(sent(mask, " e\r\n") == "**\r\n");
}

TEST_CASE("transcript mask: a chunk too costly to match against what was typed is masked from there on") {
    TranscriptMask mask;
    // Every typed byte a receive of its own, each the start of a run that
    // agrees with the sent chunk for hundreds of bytes and then does not.
    for (std::size_t i = 0; i + 1 < TranscriptMask::echo_limit; ++i) received(mask, "a");
    received(mask, "b");
    const auto shown = sent(mask, std::string(1500, 'a'));
    CHECK(shown.size() == 1500);
    CHECK(shown.back() == '*');
    CHECK(shown.find_first_not_of('*', shown.find('*')) == std::string::npos);  // masked from there on
}

TEST_CASE("transcript mask: a line echoed whole and followed by text in the same chunk is masked") {
    TranscriptMask mask;
    received(mask, "al\rpw\r");  // pasted: the second line is typed ahead
    CHECK(sent(mask, "al, Password: ") == "**, Password: ");
}

TEST_CASE("transcript mask: a typed \"^@\" echoed after an unechoed NUL is masked as typed, not as the NUL's echo") {
    TranscriptMask mask;
    received(mask, "\x01");
    received(mask, std::string("\0xy\r", 4));  // a NUL the DLL never echoes
    // The next receive holds a literal caret and at-sign: its echo begins
    // with what a NUL's "^@" echo looks like, but only the literal reading
    // agrees with the rest of the chunk.
    received(mask, "^@pq");
    CHECK(sent(mask, "^@pq") == "****");
}

TEST_CASE("transcript mask: a typed \"^@\" is masked as typed even where the NUL's line would agree up to its end") {
    TranscriptMask mask;
    received(mask, std::string("\0pq\r", 4));  // never echoed; "pq" then a line end
    received(mask, "^@pq.");                    // literal; its echo agrees with "pq" up to the line end
    CHECK(sent(mask, "^@pq.") == "*****");
}

TEST_CASE("transcript mask: a caret letter due from the last chunk gives way to a typed byte echoed as itself") {
    TranscriptMask mask;
    received(mask, std::string("\0", 1));  // never echoed as such
    CHECK(sent(mask, "^") == "*");           // may be the NUL's "^@", its letter still due
    received(mask, "pq\r");                   // never echoed
    received(mask, "@pz");
    CHECK(sent(mask, "@pz") == "***");
}
