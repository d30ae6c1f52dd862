// The PAM example DLL (examples/pam) end to end: a host loads
// pam_security.so and a scripted remote user logs in over loopback. PAM is
// Debian's, under pam_wrapper (pam_wrapped.sh): the service "rasshost" is
// a test stack of pam_matrix, with these users,
//   alice s3cret   carol c4rol (expired)   rita old (must change it)
//   dave d4ve (another service's)          quinn (two questions)
// and the fixture module pam_rasshost_test (tests/fixtures).
#include "../example_dialogs.hpp"

using namespace example_test;

namespace {

constexpr auto answer_time = 20s;  // PAM's answer, slow under the sanitizers

struct Setup {
    Setup() {
        set_line_timeout(20);
        set_lockout("", "", "");
    }
};

// Name and password after their prompts.
void log_in(RemoteUser& user, std::string_view name, std::string_view password) {
    user.expect("Username: ");
    user.send(std::string(name) + "\r");
    user.expect("Password: ", answer_time);
    user.send(std::string(password) + "\r");
}

}  // namespace

TEST_CASE("pam: the right password succeeds, the name is echoed, the password never") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "s3cret");
    user.expect("Welcome.\r\n", answer_time);
    user.expect_hangup();
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "alice");
    CHECK(outcome.domain.empty());
    CHECK(user.received() == "Username: alice\r\nPassword: \r\nWelcome.\r\n");
}

TEST_CASE("pam: wrong passwords and an unknown user are alike, three tries are a FAILURE") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "alice", "wrong");
    user.expect("Login incorrect.\r\n", answer_time);
    log_in(user, "mallory", "s3cret");
    user.expect("Login incorrect.\r\n", answer_time);
    log_in(user, "alice", "wrong again");
    user.expect("Access denied.\r\n", answer_time);
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "alice");
    CHECK(user.received().find("wrong") == std::string::npos);
}

TEST_CASE("pam: an expired account is told so and refused at once") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "carol", "c4rol");
    user.expect("Your account has expired.\r\nAccess denied.\r\n", answer_time);
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "carol");
}

TEST_CASE("pam: a user the account stack refuses is denied") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "dave", "d4ve");  // pam_matrix: allowed for "ppp" only
    user.expect("Access denied.\r\n", answer_time);
    CHECK(host.wait_outcome().verdict == Verdict::failure);
}

TEST_CASE("pam: a module asking two questions at once, its text on CRLF lines, only the code echoed") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("quinn\r");
    user.expect("Two questions.\r\nAnswer both.\r\nPassword: ", answer_time);
    user.send("s3cret\r");
    user.expect("\r\nToken code: ");
    user.send("424242\r");
    user.expect("424242\r\nWelcome.\r\n", answer_time);
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "quinn");
    CHECK(user.received().find("s3cret") == std::string::npos);
}

TEST_CASE("pam: the two questions with a wrong code are a wrong try") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("quinn\r");
    user.expect("Password: ", answer_time);
    user.send("s3cret\r");
    user.expect("Token code: ");
    user.send("000000\r");
    user.expect("Login incorrect.\r\nUsername: ", answer_time);
    user.hang_up();
    expect_hang_up(host);
}

TEST_CASE("pam: a password that must be changed is changed in the dialog") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "rita", "old");
    user.expect("You are required to change your password immediately.\r\nNew password: ", answer_time);
    user.send("n3w\r");
    user.expect("Retype new password: ");
    user.send("n3w\r");
    user.expect("Welcome.\r\n", answer_time);
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "rita");
    CHECK(user.received().find("n3w") == std::string::npos);
}

TEST_CASE("pam: a password change that fails refuses the caller") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "rita", "old");
    user.expect("New password: ", answer_time);
    user.send("n3w\r");
    user.expect("Retype new password: ");
    user.send("other\r");
    user.expect("Access denied.\r\n", answer_time);
    CHECK(host.wait_outcome().verdict == Verdict::failure);
}

TEST_CASE("pam: a failing stack is Service unavailable, an ERROR, with PAM's reason in the debug output") {
    Setup setup;
    DebugCapture debug;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("ursula\r");
    user.expect("Service unavailable.\r\n", answer_time);
    expect_error(host, ERROR_AUTH_INTERNAL);
    CHECK(debug.matching("pam: authentication failed: System error").size() == 1);
}

TEST_CASE("pam: an answer longer than PAM takes is a wrong try, an empty name is refused without PAM") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    log_in(user, "alice", std::string(600, 'x'));
    user.expect("Login incorrect.\r\n", answer_time);
    log_in(user, "", "s3cret");
    user.expect("Login incorrect.\r\n", answer_time);
    user.hang_up();
    expect_hang_up(host);
}

TEST_CASE("pam: the caller hanging up at the password prompt aborts the dialog") {
    Setup setup;
    TestHost host(dll_path("pam_security"), options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\r");
    user.expect("Password: ", answer_time);
    user.hang_up();
    expect_hang_up(host);
}

TEST_CASE("pam: a locked-out name is refused without asking PAM, even with the right password") {
    Setup setup;
    set_lockout("1", "900", "600");
    TestHost host(dll_path("pam_security"), options());
    {
        auto user = host.connect();
        log_in(user, "alice", "wrong");
        user.expect("Login incorrect.\r\n", answer_time);
        user.hang_up();
        expect_hang_up(host);
    }
    auto user = host.connect();
    log_in(user, "alice", "s3cret");
    user.expect("Login incorrect.\r\n", answer_time);
    user.hang_up();
    expect_hang_up(host);
}
