// rasshost-chat --from-transcript (tools/rasshost-chat/from_transcript.hpp):
// a recorded dialog as the script that plays its caller again.
#include <doctest/doctest.h>

#include "from_transcript.hpp"

#include <stdexcept>
#include <string>
#include <vector>

using rasshost::chat::script_from_transcript;
using rasshost::chat::shell_quoted;
using Words = std::vector<std::string>;

namespace {

const char* two_dialogs =
    "2026-12-07T23:46:50.369Z 0x70000001 open tcp 127.0.0.1:34066 peer=127.0.0.1\n"
    "2026-12-07T23:46:50.370Z 0x70000001 > \\xff\\xfb\\x01Username: \n"
    "2026-12-07T23:46:50.371Z 0x70000002 open pty /dev/pts/3 peer=-\n"
    "2026-12-07T23:46:50.371Z 0x70000002 > PIN: \n"
    "2026-12-07T23:46:50.373Z 0x70000001 < alice\\x0d\n"
    "2026-12-07T23:46:50.373Z 0x70000001 > alice\\x0d\\x0a\n"
    "2026-12-07T23:46:50.374Z 0x70000001 > Password: \n"
    "2026-12-07T23:46:50.375Z 0x70000002 < ****\\x0d\n"
    "2026-12-07T23:46:50.376Z 0x70000001 < s3cr\\\"et\\\\\\x0d\n"
    "2026-12-07T23:46:50.377Z 0x70000001 > \\x0d\\x0aWelcome, alice.\\x0d\\x0a\n"
    "2026-12-07T23:46:50.378Z 0x70000001 close SUCCESS error 0 (complete)\n";

}  // namespace

TEST_CASE("Replay: each input after the last line the DLL sent before it, then its last words and HANGUP") {
    const auto script = script_from_transcript(two_dialogs);
    CHECK(script.hport == "0x70000001");
    CHECK(script.words == Words{"Username: ", "alice\\r", "Password: ", "s3cr\"et\\\\\\r", "Welcome, alice.", "HANGUP"});
    CHECK_FALSE(script.masked);
}

TEST_CASE("Replay: another dialog by its HPORT, and masked input said to be") {
    const auto script = script_from_transcript(two_dialogs, "0x70000002");
    CHECK(script.words == Words{"PIN: ", "****\\r"});  // no close record: no HANGUP
    CHECK(script.masked);
}

TEST_CASE("Replay: the older form without times, junk lines skipped, and no dialog refused") {
    CHECK(script_from_transcript("junk\n0x1 > Name: \n\n0x1 < bob\\x0d\nnot a record\n0x1 close FAILURE error 0 (x)\n")
              .words == Words{"Name: ", "bob\\r", "HANGUP"});
    CHECK_THROWS_AS(script_from_transcript("nothing here\n"), std::invalid_argument);
    CHECK_THROWS_AS(script_from_transcript(two_dialogs, "0x9"), std::invalid_argument);
}

TEST_CASE("Replay: a typed word that reads as a command is spelled so it does not") {
    CHECK(script_from_transcript("0x1 > Say: \n0x1 < HANGUP\n").words == Words{"Say: ", "\\x48ANGUP"});
    CHECK(script_from_transcript("0x1 > Say: \n0x1 < CLOSE\n").words == Words{"Say: ", "\\x43LOSE"});
}

TEST_CASE("Replay: words quoted for a shell") {
    CHECK(shell_quoted("Name: ") == "'Name: '");
    CHECK(shell_quoted("it's") == "'it'\\''s'");
}
