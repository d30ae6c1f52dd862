// The failure delay (login's FAIL_DELAY): after a FAILURE verdict the
// DLL's last words reach the caller at once, then the line is held before
// the hang-up and End, whatever the caller does meanwhile. Only lower
// bounds are timed (a delay cannot end early), except where the bound is
// many times what is measured.
#include "fake_dll.hpp"

#include <chrono>
#include <cstring>
#include <latch>
#include <thread>

using namespace std::chrono_literals;
using rasshost::Verdict;
using rasshost::test::TestHost;

namespace {

using Clock = std::chrono::steady_clock;

// Begin sends `answer` and completes with `id` at once; `completed`, when
// given, counts down once Complete has returned (the caller may read the
// answer before that, and a hang-up then would rightly come first).
void answer_and_complete(FakeDll& dll, const char* answer, DWORD id, std::latch* completed = nullptr) {
    dll.on_begin = [answer, id, completed](const BeginCall& call) {
        const auto n = static_cast<WORD>(std::strlen(answer));
        std::memcpy(call.send_buffer, answer, n);
        RasSecurityDialogSend(call.port, call.send_buffer, n);
        SECURITY_MESSAGE message = verdict(call.port, id);
        RasSecurityDialogComplete(&message);
        if (completed != nullptr) completed->count_down();
        return DWORD{NO_ERROR};
    };
}

rasshost::HostOptions with_delay(std::chrono::seconds delay) {
    rasshost::HostOptions options;
    options.fail_delay = delay;
    return options;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

TEST_CASE("Fail delay: after FAILURE the last output arrives at once, the hang-up and End only after the delay") {
    FakeDll dll;
    answer_and_complete(dll, "Denied\r\n", SECURITYMSG_FAILURE);
    TestHost host(FakeDll::entry_points(), with_delay(1s));
    const auto start = Clock::now();
    auto user = host.connect();
    user.expect("Denied\r\n");
    user.send("123456\r");  // typed during the delay: discarded
    user.expect_hangup();
    const double held = seconds_since(start);
    MESSAGE("line held " << held << " s after the FAILURE");
    CHECK(held >= 0.95);
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(dll.wait_end_count(1));
}

TEST_CASE("Fail delay: a caller who hangs up at once does not shorten it") {
    FakeDll dll;
    std::latch completed(1);
    answer_and_complete(dll, "Denied\r\n", SECURITYMSG_FAILURE, &completed);
    TestHost host(FakeDll::entry_points(), with_delay(1s));
    const auto start = Clock::now();
    auto user = host.connect();
    user.expect("Denied\r\n");
    completed.wait();
    user.hang_up();
    const auto outcome = host.wait_outcome();
    const double held = seconds_since(start);
    MESSAGE("dialog over " << held << " s after the FAILURE");
    CHECK(held >= 0.95);
    CHECK(outcome.verdict == Verdict::failure);  // the verdict stands: the hang-up came after it
    CHECK(dll.ended().size() == 1);
}

TEST_CASE("Fail delay: SUCCESS and ERROR are not delayed") {
    for (const DWORD id : {DWORD{SECURITYMSG_SUCCESS}, DWORD{SECURITYMSG_ERROR}}) {
        FakeDll dll;
        answer_and_complete(dll, "Bye\r\n", id);
        TestHost host(FakeDll::entry_points(), with_delay(30s));
        auto user = host.connect();
        user.expect("Bye\r\n");
        user.expect_hangup(10s);  // a third of the delay
        CHECK(host.wait_outcome().verdict == (id == SECURITYMSG_SUCCESS ? Verdict::success : Verdict::error));
    }
}

TEST_CASE("Fail delay: a shutdown that comes while Begin still runs after its FAILURE does not wait for it") {
    // The verdict is given inside Begin; the shutdown takes the line before
    // Begin returns, so the host learns of the verdict only after the line
    // is gone, and must not hold it then.
    FakeDll dll;
    std::latch may_return(1);
    dll.on_begin = [&may_return](const BeginCall& call) {
        std::memcpy(call.send_buffer, "Denied\r\n", 8);
        RasSecurityDialogSend(call.port, call.send_buffer, 8);
        SECURITY_MESSAGE message = verdict(call.port, SECURITYMSG_FAILURE);
        RasSecurityDialogComplete(&message);
        may_return.wait();
        return DWORD{NO_ERROR};
    };
    TestHost host(FakeDll::entry_points(), with_delay(60s));
    auto user = host.connect();
    user.expect("Denied\r\n");
    const auto start = Clock::now();
    std::thread shutdown([&] { host.host().shutdown(); });
    user.expect_hangup();  // the shutdown has taken the line
    may_return.count_down();
    shutdown.join();
    const double took = seconds_since(start);
    MESSAGE("shutdown after " << took << " s with a 60 s delay due");
    CHECK(took < 30.0);
    CHECK(dll.ended().size() == 1);
    CHECK(host.wait_outcome().verdict == Verdict::failure);
}

TEST_CASE("Fail delay: shutdown does not wait for it") {
    FakeDll dll;
    answer_and_complete(dll, "Denied\r\n", SECURITYMSG_FAILURE);
    const auto start = Clock::now();
    {
        TestHost host(FakeDll::entry_points(), with_delay(60s));
        auto user = host.connect();
        user.expect("Denied\r\n");
    }  // shutdown
    const double took = seconds_since(start);
    MESSAGE("shutdown after " << took << " s with a 60 s delay running");
    CHECK(took < 30.0);
    CHECK(dll.ended().size() == 1);
}
