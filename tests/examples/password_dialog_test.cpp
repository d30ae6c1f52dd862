// The password example DLL (examples/password) end to end: a host loads
// password_security.so and a scripted remote user logs in over loopback.
#include "example_dialogs.hpp"

#include "password_file.h"
#include "support/platform_cases.hpp"

using namespace example_test;

namespace {

// What a remote user waits for after typing a password: one verification,
// Argon2id here, 600,000 PBKDF2 rounds on Windows, which under Wine (its own
// SHA-256) take about a second each, longer with the other callers' on 2 cores.
constexpr auto hashing = 30s;

std::string hash_of(std::string_view password) {
    char hash[PASSWORD_HASH_MAX];
    REQUIRE(PasswordHash(password.data(), password.size(), hash) == 0);
    return hash;
}

// A password file with alice ("s3cret") and CORP\bob ("hunter2"), and the
// environment pointing at it.
struct Setup {
    TempDir dir;
    Setup() {
        write_file(dir / "passwords.txt", "# test users\nalice:" + hash_of("s3cret") + "\nCORP\\bob:" +
                                              hash_of("hunter2") + "\n");
        rasshost::test::set_environment(PASSWORD_FILE_ENV, (dir / "passwords.txt").string());
        set_line_timeout(20);
        set_lockout("", "", "");
    }
};

// One try: name and password after their prompts.
void log_in(RemoteUser& user, std::string_view name, std::string_view password) {
    user.expect("Username: ");
    user.send(std::string(name) + "\r");
    user.expect("Password: ");
    user.send(std::string(password) + "\r");
}

// A whole dialog of three wrong tries: FAILURE.
void fail_three_times(TestHost& host, std::string_view name) {
    auto user = host.connect();
    for (int i = 0; i < 3; ++i) {
        // Each answer waits for its hash: the next prompt may take as long.
        log_in(user, name, "wrong" + std::to_string(i));
        user.expect(i < 2 ? "Login incorrect.\r\n" : "Access denied.\r\n", hashing);
    }
    CHECK(host.wait_outcome().verdict == Verdict::failure);
}

// One dialog: `password` on the first try; true if it got in (the dialog
// is then over), false after "Login incorrect." (the caller hangs up).
bool first_try_succeeds(TestHost& host, std::string_view name, std::string_view password) {
    auto user = host.connect();
    log_in(user, name, password);
    const std::string answer = user.expect(".\r\n", hashing);
    const bool welcome = answer.find("Welcome.") != std::string::npos;
    if (!welcome) CHECK(answer.find("Login incorrect.") != std::string::npos);
    if (!welcome) user.hang_up();
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == (welcome ? Verdict::success : Verdict::aborted));
    return welcome;
}

}  // namespace

TEST_CASE("password: the right password succeeds, the name is echoed, the password never") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "s3cret");
    user.expect("Welcome.\r\n", hashing);
    user.expect_hangup();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.error == 0);
    CHECK(outcome.user == "alice");
    CHECK(outcome.domain == "");
    CHECK(outcome.reason == "complete");
    CHECK(user.received().find("Username: alice\r\nPassword: \r\n") != std::string::npos);
    CHECK(user.received().find("s3cret") == std::string::npos);
}

TEST_CASE("password: DOMAIN\\user reports the domain and the user apart") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, "CORP\\bob", "hunter2");
    user.expect("Welcome.", hashing);
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "bob");
    CHECK(outcome.domain == "CORP");
}

TEST_CASE("password: three wrong passwords give FAILURE for the name typed") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "wrong1");
    user.expect("Login incorrect.\r\n", hashing);
    log_in(user, "alice", "wrong2");
    user.expect("Login incorrect.\r\n", hashing);
    log_in(user, "alice", "s3cret-not");
    user.expect("Access denied.\r\n", hashing);
    user.expect_hangup();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "alice");
    CHECK(user.received().find("Login incorrect.\r\nUsername: ") != std::string::npos);
}

TEST_CASE("password: the third try may succeed") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "nope");
    user.expect("Login incorrect.", hashing);
    log_in(user, "bob", "hunter2");  // the domain is part of the name
    user.expect("Login incorrect.", hashing);
    log_in(user, "alice", "s3cret");
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("password: an unknown user is refused like a wrong password") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    for (int i = 0; i < 3; ++i) {
        log_in(user, "mallory", "s3cret");
        user.expect(i < 2 ? "Login incorrect." : "Access denied.", hashing);
    }
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "mallory");
    // The same words as for a known user with a wrong password.
    CHECK(user.received().find("Login incorrect.") != std::string::npos);
}

TEST_CASE("password: input typed ahead, with CRLF, in one chunk") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\r\ns3cret\r\n");
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("password: a one-byte receive buffer delivers the input byte by byte") {
    Setup setup;
    TestHost host(dll_path("password_security"), options(1));
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\r\n");
    user.expect("Password: ");
    user.send("s3cret\n");
    user.expect("Welcome.", hashing);
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "alice");
}

TEST_CASE("password: keystrokes sent one at a time") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    for (char c : std::string_view("alice\r")) {
        user.send(std::string(1, c));
        std::this_thread::sleep_for(2ms);
    }
    user.expect("Password: ");
    for (char c : std::string_view("s3cret\r")) user.send(std::string(1, c));
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("password: backspace and DEL edit the name and the password") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alx\bice\r");
    user.expect("Password: ");
    user.send("s3cx\x7fret\r");
    user.expect("Welcome.", hashing);
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "alice");
    CHECK(user.received().find("Username: alx\b \bice\r\n") != std::string::npos);
}

TEST_CASE("password: a name longer than UNLEN is a wrong try, not an overflow") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, std::string(1000, 'a'), "s3cret");
    user.expect("Login incorrect.", hashing);
    log_in(user, "alice", std::string(300, 'p'));
    user.expect("Login incorrect.", hashing);
    log_in(user, "alice", "s3cret");
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("password: no answer within the line time-out is an ERROR 638") {
    Setup setup;
    set_line_timeout(1);
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("ali");  // no line end
    user.expect("Timed out.", 5s);
    user.expect_hangup();
    expect_error(host, ERROR_REQUEST_TIMEOUT);
}

TEST_CASE("password: hang-up mid-dialog aborts it, End is called and nothing breaks") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\r");
    user.expect("Password: ");
    user.hang_up();
    auto outcome = host.wait_outcome();  // reported after End returned
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "hang-up");
    CHECK(host.host().live_dialogs() == 0);

    // The DLL serves the next caller normally.
    auto next = host.connect();
    log_in(next, "alice", "s3cret");
    next.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("password: host shutdown mid-dialog ends it through End") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    host.host().shutdown();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "shutdown");
}

TEST_CASE("password: a missing password file is an ERROR 645, reported to the user") {
    Setup setup;
    rasshost::test::set_environment(PASSWORD_FILE_ENV, (setup.dir / "missing.txt").string());
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "s3cret");
    user.expect("Service unavailable.");
    expect_error(host, ERROR_AUTH_INTERNAL);
}

TEST_CASE("password: several callers at once") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    auto a = host.connect();
    auto b = host.connect();
    auto c = host.connect();
    a.expect("Username: ");
    b.expect("Username: ");
    c.expect("Username: ");
    a.send("alice\r");
    b.send("CORP\\bob\r");
    c.send("alice\r");
    a.expect("Password: ");
    b.expect("Password: ");
    c.expect("Password: ");
    a.send("s3cret\r");
    b.send("hunter2\r");
    c.send("wrong\r");
    a.expect("Welcome.", hashing);
    b.expect("Welcome.", hashing);
    c.expect("Login incorrect.", hashing);
    c.hang_up();
    int successes = 0, aborted = 0;
    for (int i = 0; i < 3; ++i) {
        auto outcome = host.wait_outcome();
        successes += outcome.verdict == Verdict::success;
        aborted += outcome.verdict == Verdict::aborted;
    }
    CHECK(successes == 2);
    CHECK(aborted == 1);
}

TEST_CASE("password: five failures lock the user out, even the right password fails then, in any dialog") {
    Setup setup;
    DebugCapture debug;
    TestHost host(dll_path("password_security"), options());
    fail_three_times(host, "alice");
    {
        // Two more wrong tries, then the right one: refused, in the same words.
        auto user = host.connect();
        log_in(user, "alice", "wrong3");
        user.expect("Login incorrect.\r\n", hashing);
        log_in(user, "alice", "wrong4");
        user.expect("Login incorrect.\r\n", hashing);
        log_in(user, "alice", "s3cret");
        user.expect("Access denied.\r\n", hashing);
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == Verdict::failure);
        CHECK(outcome.user == "alice");
    }
    // Other dialogs, one of them open meanwhile, are refused too.
    auto waiting = host.connect();
    CHECK_FALSE(first_try_succeeds(host, "alice", "s3cret"));
    log_in(waiting, "alice", "s3cret");
    waiting.expect("Login incorrect.\r\n", hashing);
    waiting.hang_up();
    CHECK(host.wait_outcome().verdict == Verdict::aborted);
    // Reported once, with the name escaped.
    const auto reports = debug.matching("locked out");
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].find("password: user \"alice\" locked out for 600 s after 5 failures") != std::string::npos);
}

TEST_CASE("password: a locked-out user is not checked at all: no hash, no file") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    fail_three_times(host, "alice");
    fail_three_times(host, "alice");
    // With the file gone a check would say "Service unavailable."; a locked
    // user gets the wrong-password answer at once.
    rasshost::test::set_environment(PASSWORD_FILE_ENV, (setup.dir / "missing.txt").string());
    CHECK_FALSE(first_try_succeeds(host, "alice", "s3cret"));
}

TEST_CASE("password: another user is not affected by a lockout") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    fail_three_times(host, "alice");
    fail_three_times(host, "alice");
    CHECK_FALSE(first_try_succeeds(host, "alice", "s3cret"));
    CHECK(first_try_succeeds(host, "CORP\\bob", "hunter2"));
}

TEST_CASE("password: the lockout ends after RASSHOST_EXAMPLE_LOCKOUT_UNLOCK seconds") {
    Setup setup;
    set_lockout("3", "", "4");
    TestHost host(dll_path("password_security"), options());
    fail_three_times(host, "alice");
    CHECK_FALSE(first_try_succeeds(host, "alice", "s3cret"));
    std::this_thread::sleep_for(5s);
    CHECK(first_try_succeeds(host, "alice", "s3cret"));
}

TEST_CASE("password: a successful login resets the failure count") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    for (int round = 0; round < 2; ++round) {
        // Four failures, then the right password: in each round.
        fail_three_times(host, "alice");
        auto user = host.connect();
        log_in(user, "alice", "wrong");
        user.expect("Login incorrect.\r\n", hashing);
        log_in(user, "alice", "s3cret");
        user.expect("Welcome.", hashing);
        CHECK(host.wait_outcome().verdict == Verdict::success);
    }
}

TEST_CASE("password: a control byte typed in the password is kept, so the password does not match") {
    Setup setup;
    TestHost host(dll_path("password_security"), options());
    CHECK_FALSE(first_try_succeeds(host, "alice", "s3c\x01ret"));
    CHECK_FALSE(first_try_succeeds(host, "alice", "\x1bs3cret"));
    CHECK(first_try_succeeds(host, "alice", "s3cx\bret"));  // editing still works
}

TEST_CASE("password: a password file others may write is refused, and the debug output says why" *
          platform_cases::posix_emulation_only) {
    Setup setup;
    DebugCapture debug;
    const auto file = setup.dir / "passwords.txt";
    std::filesystem::permissions(file, std::filesystem::perms::group_write, std::filesystem::perm_options::add);
    TestHost host(dll_path("password_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "s3cret");
    user.expect("Service unavailable.");
    expect_error(host, ERROR_AUTH_INTERNAL);
    const auto reports = debug.matching("password file");
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].find(file.string()) != std::string::npos);
    CHECK(reports[0].find("writable by group or others") != std::string::npos);
}
