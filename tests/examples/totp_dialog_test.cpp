// The token-card example DLL (examples/totp) end to end over loopback; the
// codes are computed with the DLL's own, RFC-tested core.
#include "example_dialogs.hpp"

#include "totp_core.h"

#include <ctime>

using namespace example_test;

namespace {

// RFC 6238's SHA1 seed, base32.
const std::string rfc_seed = "12345678901234567890";
const char* const rfc_seed_base32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

struct Setup {
    TempDir dir;
    Setup() {
        write_file(dir / "totp-secrets.txt",
                   "# token secrets\n"
                   "alice:" + std::string(rfc_seed_base32) + "\n"
                   "bob:gezdgnbvgy3tqojqgezdgnbvgy3tqojq\n"     // lowercase works
                   "short:GEZDGNBVGY3TQOJQ\n");                 // 80 bits: refused
        rasshost::test::set_environment("RASSHOST_TOTP_FILE", (dir / "totp-secrets.txt").string());
        set_line_timeout(20);
        set_lockout("", "", "");
    }
};

// The 6-digit code for now + offset seconds.
std::string code_at(long offset) {
    std::uint32_t code = 0;
    const auto now = static_cast<std::uint64_t>(std::time(nullptr) + offset);
    REQUIRE(TotpCode(reinterpret_cast<const unsigned char*>(rfc_seed.data()), rfc_seed.size(), now, TOTP_T0,
                     TOTP_STEP, TOTP_DIGITS, &code) == 0);
    char text[TOTP_DIGITS + 1];
    TotpFormat(code, TOTP_DIGITS, text);
    return text;
}

// Waits until at least 5 s remain in the current time step.
void avoid_step_end() {
    while (std::time(nullptr) % TOTP_STEP >= TOTP_STEP - 5) std::this_thread::sleep_for(100ms);
}

void enter(RemoteUser& user, std::string_view name, std::string_view code) {
    user.expect("Username: ");
    user.send(std::string(name) + "\r");
    user.expect("Token code: ");
    user.send(std::string(code) + "\r");
}

// A code that is wrong now: five minutes old.
std::string wrong_code() { return code_at(-300); }

// A whole dialog of three wrong codes: FAILURE.
void fail_three_times(TestHost& host, std::string_view name) {
    auto user = host.connect();
    for (int i = 0; i < 3; ++i) {
        enter(user, name, wrong_code());
        user.expect(i < 2 ? "Invalid code.\r\n" : "Access denied.\r\n");
    }
    CHECK(host.wait_outcome().verdict == Verdict::failure);
}

}  // namespace

TEST_CASE("totp: the current code succeeds, the code is not echoed") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    auto user = host.connect();
    const std::string code = code_at(0);
    enter(user, "alice", code);
    user.expect("Welcome.\r\n");
    user.expect_hangup();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "alice");
    CHECK(user.received().find("Token code: \r\n") != std::string::npos);
    CHECK(user.received().find(code) == std::string::npos);
}

TEST_CASE("totp: a code is accepted once only (replay protection)") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    const std::string code = code_at(0);
    {
        auto first = host.connect();
        enter(first, "alice", code);
        first.expect("Welcome.");
        CHECK(host.wait_outcome().verdict == Verdict::success);
    }
    auto second = host.connect();
    for (int i = 0; i < 3; ++i) enter(second, "alice", code);
    second.expect("Access denied.");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "alice");
    // bob has the same secret but his own record.
    auto third = host.connect();
    enter(third, "bob", code);
    third.expect("Welcome.");
    CHECK(host.wait_outcome().user == "bob");
}

TEST_CASE("totp: two dialogs racing with one code: exactly one wins") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    const std::string code = code_at(0);
    auto a = host.connect();
    auto b = host.connect();
    a.expect("Username: ");
    b.expect("Username: ");
    a.send("alice\r");
    b.send("alice\r");
    a.expect("Token code: ");
    b.expect("Token code: ");
    a.send(code + "\r");
    b.send(code + "\r");
    // "\r\nWelcome.\r\n" for the winner, "\r\nInvalid code.\r\n" for the loser.
    const std::string a_seen = a.expect(".\r\n");
    const std::string b_seen = b.expect(".\r\n");
    const bool a_won = a_seen.find("Welcome.") != std::string::npos;
    CHECK(a_won != (b_seen.find("Welcome.") != std::string::npos));
    // The winner's DLL completes after its "Welcome.", and its host hangs
    // up: its outcome comes first. (Hanging it up at once could beat the
    // Complete, and abort the dialog.) The loser would be asked again.
    CHECK(host.wait_outcome().verdict == Verdict::success);
    (a_won ? b : a).hang_up();
    CHECK(host.wait_outcome().verdict != Verdict::success);
}

TEST_CASE("totp: one step of clock skew either way, not two") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    // Codes 30 s old and 30 s ahead are accepted; 90 s old is not. A code
    // 30 s old would fall out of the window if a step boundary passed
    // before the DLL checks it: start early in a step.
    avoid_step_end();
    auto user = host.connect();
    enter(user, "alice", code_at(-90));
    user.expect("Invalid code.");
    enter(user, "alice", code_at(-TOTP_STEP));
    user.expect("Welcome.");
    CHECK(host.wait_outcome().verdict == Verdict::success);

    auto ahead = host.connect();
    enter(ahead, "bob", code_at(TOTP_STEP));
    ahead.expect("Welcome.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("totp: wrong codes, unknown users, short secrets and junk: three tries, then FAILURE") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    auto user = host.connect();
    enter(user, "mallory", code_at(0));
    user.expect("Invalid code.");
    enter(user, "short", "123456");
    user.expect("Invalid code.");
    enter(user, "alice", code_at(0).substr(0, 5) + "x");
    user.expect("Access denied.");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "alice");
}

TEST_CASE("totp: byte-by-byte input with backspace") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options(1));
    auto user = host.connect();
    const std::string code = code_at(0);
    user.expect("Username: ");
    user.send("alicee\b\r\n");
    user.expect("Token code: ");
    user.send("9" + std::string("\x7f") + code + "\r");
    user.expect("Welcome.");
    CHECK(host.wait_outcome().user == "alice");
}

TEST_CASE("totp: hang-up at the code prompt") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\r");
    user.expect("Token code: ");
    user.hang_up();
    expect_hang_up(host);
}

TEST_CASE("totp: no answer within the line time-out is an ERROR 638") {
    Setup setup;
    set_line_timeout(1);
    TestHost host(dll_path("totp_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.expect("Timed out.", 5s);
    expect_error(host, ERROR_REQUEST_TIMEOUT);
}

TEST_CASE("totp: a missing secrets file is an ERROR 645") {
    Setup setup;
    rasshost::test::set_environment("RASSHOST_TOTP_FILE", (setup.dir / "missing.txt").string());
    TestHost host(dll_path("totp_security"), options());
    auto user = host.connect();
    enter(user, "alice", code_at(0));
    user.expect("Service unavailable.");
    expect_error(host, ERROR_AUTH_INTERNAL);
}

TEST_CASE("totp: five wrong codes lock the user out, even the right code fails then, in any dialog") {
    Setup setup;
    DebugCapture debug;
    TestHost host(dll_path("totp_security"), options());
    avoid_step_end();
    fail_three_times(host, "alice");
    {
        auto user = host.connect();
        enter(user, "alice", wrong_code());
        user.expect("Invalid code.\r\n");
        enter(user, "alice", wrong_code());
        user.expect("Invalid code.\r\n");
        enter(user, "alice", code_at(0));  // right, but locked: the same words as a wrong one
        user.expect("Access denied.\r\n");
        CHECK(host.wait_outcome().verdict == Verdict::failure);
    }
    auto again = host.connect();
    enter(again, "alice", code_at(0));
    again.expect("Invalid code.\r\n");
    again.hang_up();
    expect_hang_up(host);
    // bob (the same secret, his own record) is not affected.
    auto bob = host.connect();
    enter(bob, "bob", code_at(0));
    bob.expect("Welcome.");
    CHECK(host.wait_outcome().user == "bob");
    const auto reports = debug.matching("locked out");
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].find("totp: user \"alice\" locked out for 600 s after 5 failures") != std::string::npos);
}

TEST_CASE("totp: a good code resets the failure count") {
    Setup setup;
    TestHost host(dll_path("totp_security"), options());
    avoid_step_end();
    // Four failures, then a good code, twice: each good code is a later step
    // than the last (replay protection).
    for (long offset : {-static_cast<long>(TOTP_STEP), 0L}) {
        fail_three_times(host, "alice");
        auto user = host.connect();
        enter(user, "alice", wrong_code());
        user.expect("Invalid code.\r\n");
        enter(user, "alice", code_at(offset));
        user.expect("Welcome.");
        CHECK(host.wait_outcome().verdict == Verdict::success);
    }
}
