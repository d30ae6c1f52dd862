// The callback example DLL (examples/callback) end to end over loopback.
#include "example_dialogs.hpp"

using namespace example_test;

namespace {

struct Setup {
    TempDir dir;
    Setup() {
        write_file(dir / "callback-numbers.txt",
                   "# who may be called back\n"
                   "+1 555-0100 199   # the office\n"
                   "\n"
                   "0049 30 1234567\n"
                   "not a number\n"
                   "#+15550000000\n");
        rasshost::test::set_environment("RASSHOST_CALLBACK_LIST", (dir / "callback-numbers.txt").string());
        set_line_timeout(20);
    }
};

void type_number(RemoteUser& user, std::string_view number) {
    user.expect("Callback number: ");
    user.send(std::string(number) + "\r");
}

}  // namespace

TEST_CASE("callback: a listed number, typed any way, succeeds and is reported normalized") {
    Setup setup;
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    type_number(user, "+1-555-0100-199");
    user.expect("Calling you back at +15550100199.\r\n");
    user.expect_hangup();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "+15550100199");
    CHECK(outcome.domain == "");
    // The number is echoed as typed.
    CHECK(user.received().find("Callback number: +1-555-0100-199\r\n") != std::string::npos);
}

TEST_CASE("callback: a second listed number, without '+'") {
    Setup setup;
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    type_number(user, "00 49 30 123 4567");
    user.expect("Calling you back at 0049301234567.");
    CHECK(host.wait_outcome().user == "0049301234567");
}

TEST_CASE("callback: unlisted, commented-out and invalid numbers: three tries, then FAILURE") {
    Setup setup;
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    type_number(user, "+15550000000");  // only in a comment
    user.expect("Number not allowed.\r\n");
    type_number(user, "1 555 0100 199");  // no '+': a different number
    user.expect("Number not allowed.\r\n");
    type_number(user, "+1 (555) 0100");  // parentheses are not allowed
    user.expect("Access denied.\r\n");
    user.expect_hangup();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "15550100199");  // the last valid number typed
}

TEST_CASE("callback: invalid numbers are told apart from unlisted ones") {
    Setup setup;
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    for (std::string_view bad : {"1+555", "++1555"}) {
        type_number(user, bad);
        user.expect("Invalid number.\r\n");
    }
    type_number(user, "");
    user.expect("Access denied.");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "");
}

TEST_CASE("callback: single bytes, backspace and a number far too long") {
    Setup setup;
    TestHost host(dll_path("callback_security"), options(1));
    auto user = host.connect();
    type_number(user, std::string(500, '5'));
    user.expect("Invalid number.");
    type_number(user, "+1 555 0100 1xy\b\x7f" "99");  // typos erased
    user.expect("Calling you back at +15550100199.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("callback: hang-up while the number is being typed") {
    Setup setup;
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    user.expect("Callback number: ");
    user.send("+1 555");
    user.hang_up();
    expect_hang_up(host);
}

TEST_CASE("callback: no answer within the line time-out is an ERROR 638") {
    Setup setup;
    set_line_timeout(1);
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    user.expect("Callback number: ");
    user.expect("Timed out.", 5s);
    expect_error(host, ERROR_REQUEST_TIMEOUT);
}

TEST_CASE("callback: a missing allow-list is an ERROR 645") {
    Setup setup;
    rasshost::test::set_environment("RASSHOST_CALLBACK_LIST", (setup.dir / "missing.txt").string());
    TestHost host(dll_path("callback_security"), options());
    auto user = host.connect();
    type_number(user, "+15550100199");
    user.expect("Service unavailable.");
    expect_error(host, ERROR_AUTH_INTERNAL);
}
