// Begin, Send, Complete, End and the abnormal paths of a dialog, over a
// loopback line: docs/decisions.md, sections send-completion, send-arguments,
// buffer-sizes-and-lifetime, begin-threading to calls-after-teardown,
// receive-after-complete and concurrency.
#include <doctest/doctest.h>

#include "fake_dll.hpp"

#include <atomic>
#include <cstring>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using rasshost::Verdict;
using rasshost::test::TestHost;

namespace {

void complete(HPORT port, DWORD id, const char* user = "alice", DWORD error = 0) {
    SECURITY_MESSAGE message = verdict(port, id, user, error);
    RasSecurityDialogComplete(&message);
}

}  // namespace

TEST_CASE("Send returns PENDING with the bytes copied -- they reach the remote user in call order") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    std::memcpy(begin.send_buffer, "Username: ", 10);
    REQUIRE(RasSecurityDialogSend(begin.port, begin.send_buffer, 10) == PENDING);
    std::memcpy(begin.send_buffer, "XXXXXXXXXX", 10);  // reusable at once
    BYTE own[] = {'o', 'k'};
    REQUIRE(RasSecurityDialogSend(begin.port, own, 2) == PENDING);
    CHECK(user.expect("Username: ok") == "Username: ok");
}

TEST_CASE("Send argument checks: length 0 is a no-op, NULL 87, past pSendBuf's end 87") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    CHECK(RasSecurityDialogSend(begin.port, nullptr, 0) == PENDING);
    CHECK(RasSecurityDialogSend(begin.port, nullptr, 5) == ERROR_INVALID_PARAMETER);
    CHECK(RasSecurityDialogSend(begin.port, begin.send_buffer, static_cast<WORD>(begin.send_size + 1)) ==
          ERROR_INVALID_PARAMETER);
    CHECK(RasSecurityDialogSend(begin.port, begin.send_buffer + begin.send_size - 2, 3) == ERROR_INVALID_PARAMETER);
    std::memcpy(begin.send_buffer, "ok", 2);
    CHECK(RasSecurityDialogSend(begin.port, begin.send_buffer, 2) == PENDING);
    CHECK(user.expect("ok") == "ok");
}

TEST_CASE("Begin gets pointer-sized distinct HPORTs and the configured buffer sizes") {
    FakeDll dll;
    rasshost::HostOptions options;
    options.send_buffer_size = 100;
    options.receive_buffer_size = 65535;
    TestHost host(FakeDll::entry_points(), options);
    auto user1 = host.connect();
    auto user2 = host.connect();
    auto a = dll.wait_begin();
    auto b = dll.wait_begin();
    CHECK(a.port != b.port);
    CHECK(a.port != nullptr);
    CHECK(a.port != INVALID_HANDLE_VALUE);
    CHECK(a.send_size == 100);
    CHECK(a.receive_size == 65535);
    const bool same_callback = a.complete == &RasSecurityDialogComplete && b.complete == a.complete;
    CHECK(same_callback);  // the same address on every call
}

TEST_CASE("Out-of-range buffer sizes are a start-up error") {
    rasshost::HostOptions options;
    options.receive_buffer_size = 65536;
    asio::io_context io;
    CHECK_THROWS_AS(rasshost::SecurityHost(io, FakeDll::entry_points(), options), rasshost::HostError);
    options.receive_buffer_size = 0;
    CHECK_THROWS_AS(rasshost::SecurityHost(io, FakeDll::entry_points(), options), rasshost::HostError);
    CHECK_THROWS_AS(rasshost::SecurityHost(io, rasshost::SecurityDll{}, {}), rasshost::HostError);
}

TEST_CASE("SUCCESS: outcome with user and domain, then End, then the HPORT is dead (601)") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect("ttyS0");
    auto begin = dll.wait_begin();
    SECURITY_MESSAGE message = verdict(begin.port, SECURITYMSG_SUCCESS, "bob", 0, "CORP");
    RasSecurityDialogComplete(&message);
    std::memset(&message, 0, sizeof message);  // the host copied it
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "bob");
    CHECK(outcome.domain == "CORP");
    CHECK(outcome.device == "ttyS0");
    CHECK(outcome.reason == "complete");
    CHECK(dll.ended() == std::vector<HPORT>{begin.port});
    BYTE b = 'x';
    WORD length = 1;
    ScopedEvent event;
    RAS_SECURITY_INFO info{};
    CHECK(RasSecurityDialogSend(begin.port, &b, 1) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogReceive(begin.port, &b, &length, 0, event.handle) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogGetInfo(begin.port, &info) == ERROR_INVALID_PORT_HANDLE);
    user.expect_hangup();
}

TEST_CASE("FAILURE: the final message is flushed before the host hangs up") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    std::string big(20000, '.');
    big += "Access denied.\r\n";
    for (std::size_t at = 0; at < big.size(); at += begin.send_size) {
        const auto n = std::min<std::size_t>(begin.send_size, big.size() - at);
        std::memcpy(begin.send_buffer, big.data() + at, n);
        REQUIRE(RasSecurityDialogSend(begin.port, begin.send_buffer, static_cast<WORD>(n)) == PENDING);
    }
    complete(begin.port, SECURITYMSG_FAILURE, "mallory");
    user.expect("Access denied.\r\n");
    user.expect_hangup();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "mallory");
    CHECK(outcome.bytes_sent == big.size());
}

TEST_CASE("Complete normalises: bad dwMsgId is ERROR 87, ERROR with 0 is 635, names forced to NUL") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    {
        auto user = host.connect();
        auto begin = dll.wait_begin();
        complete(begin.port, 7);
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == Verdict::error);
        CHECK(outcome.error == ERROR_INVALID_PARAMETER);
    }
    {
        auto user = host.connect();
        auto begin = dll.wait_begin();
        complete(begin.port, SECURITYMSG_ERROR, "x", 0);
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == Verdict::error);
        CHECK(outcome.error == ERROR_UNKNOWN);
    }
    {
        auto user = host.connect();
        auto begin = dll.wait_begin();
        SECURITY_MESSAGE message{};
        message.dwMsgId = SECURITYMSG_SUCCESS;
        message.hPort = begin.port;
        std::memset(message.UserName, 'u', sizeof message.UserName);  // unterminated
        std::memset(message.Domain, 'd', sizeof message.Domain);
        RasSecurityDialogComplete(&message);
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == Verdict::success);
        CHECK(outcome.user == std::string(UNLEN, 'u'));
        CHECK(outcome.domain == std::string(DNLEN, 'd'));
    }
}

TEST_CASE("A second Complete and a Complete for a wrong hPort are ignored: the first verdict is final") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    complete(reinterpret_cast<HPORT>(0x12345), SECURITYMSG_SUCCESS);
    complete(begin.port, SECURITYMSG_FAILURE, "first");
    complete(begin.port, SECURITYMSG_SUCCESS, "second");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::failure);
    CHECK(outcome.user == "first");
}

TEST_CASE("Complete from inside Begin is acted on after Begin returns") {
    FakeDll dll;
    std::atomic<bool> begin_returned{false};
    dll.on_begin = [&](const BeginCall& call) {
        std::memcpy(call.send_buffer, "hi", 2);
        CHECK(RasSecurityDialogSend(call.port, call.send_buffer, 2) == PENDING);
        complete(call.port, SECURITYMSG_SUCCESS, "early");
        std::this_thread::sleep_for(100ms);
        begin_returned = true;
        return DWORD{NO_ERROR};
    };
    TestHost host(FakeDll::entry_points(), {});
    auto user = host.connect();
    user.expect("hi");
    auto outcome = host.wait_outcome();
    CHECK(begin_returned);
    CHECK(outcome.verdict == Verdict::success);
    CHECK(outcome.user == "early");
}

TEST_CASE("Begin failing: aborted with Begin's code, no End, HPORT dead") {
    FakeDll dll;
    dll.on_begin = [](const BeginCall& call) {
        complete(call.port, SECURITYMSG_SUCCESS, "ignored");  // does not count: Begin fails
        return DWORD{ERROR_NOT_ENOUGH_MEMORY};
    };
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "begin failed");
    CHECK(outcome.error == ERROR_NOT_ENOUGH_MEMORY);
    user.expect_hangup();
    CHECK_FALSE(dll.wait_end_count(1, 300ms));
    RAS_SECURITY_INFO info{};
    CHECK(RasSecurityDialogGetInfo(outcome.port, &info) == ERROR_INVALID_PORT_HANDLE);
}

TEST_CASE("Hang-up mid-receive: length 0, LastError 619, then End -- Send/Receive 619 until End") {
    FakeDll dll;
    std::atomic<bool> checked_inside_end{false};
    HPORT port = nullptr;
    dll.on_end = [&](HPORT p) {
        BYTE b = 'x';
        CHECK(RasSecurityDialogSend(p, &b, 1) == ERROR_PORT_DISCONNECTED);
        RAS_SECURITY_INFO info{};
        CHECK(RasSecurityDialogGetInfo(p, &info) == NO_ERROR);
        CHECK(info.LastError == ERROR_PORT_DISCONNECTED);
        checked_inside_end = true;
        return DWORD{ERROR_PORT_DISCONNECTED};
    };
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    port = begin.port;
    ScopedEvent event;
    WORD length = 50;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
    user.hang_up();
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 0);
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "hang-up");
    CHECK(outcome.error == ERROR_PORT_DISCONNECTED);
    CHECK(checked_inside_end);
    CHECK(dll.ended() == std::vector<HPORT>{port});
}

TEST_CASE("A DLL that never completes is ended by the dialog timeout") {
    FakeDll dll;
    rasshost::HostOptions options;
    options.dialog_timeout = 1s;
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "dialog timeout");
    CHECK(dll.ended() == std::vector<HPORT>{begin.port});
    complete(begin.port, SECURITYMSG_SUCCESS);  // too late, and harmless
    user.expect_hangup();
}

TEST_CASE("End returning NO_ERROR: the host waits for one more Complete, and calls End only once") {
    FakeDll dll;
    dll.on_end = [](HPORT) { return DWORD{NO_ERROR}; };
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    user.hang_up();
    REQUIRE(dll.wait_end_count(1));
    RAS_SECURITY_INFO info{};
    CHECK(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);  // still alive in the grace period
    complete(begin.port, SECURITYMSG_SUCCESS, "late");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);  // the line stays down regardless of a late verdict
    CHECK(dll.ended().size() == 1);
    CHECK(RasSecurityDialogGetInfo(begin.port, &info) == ERROR_INVALID_PORT_HANDLE);
}

TEST_CASE("End returning NO_ERROR with no later Complete: torn down when the grace period ends") {
    FakeDll dll;
    dll.on_end = [](HPORT) { return DWORD{NO_ERROR}; };
    rasshost::HostOptions options;
    options.end_grace_period = 1s;
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    complete(begin.port, SECURITYMSG_SUCCESS, "carol");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::success);  // the first Complete's verdict is final
    CHECK(dll.ended().size() == 1);
}

TEST_CASE("After Complete a pending Receive is cancelled silently: no length write, no event") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 77;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 1, event.handle) == PENDING);
    complete(begin.port, SECURITYMSG_FAILURE);
    try {
        user.send("typed after the verdict");
    } catch (const rasshost::test::ExpectationFailed&) {
        // the host may already have hung up
    }
    host.wait_outcome();
    std::this_thread::sleep_for(1500ms);  // past the receive's own timeout
    CHECK(length == 77);
    CHECK(WaitForSingleObject(event.handle, 0) == WAIT_TIMEOUT);
}

TEST_CASE("Many dialogs at once, each with its own worker thread") {
    FakeDll dll;
    constexpr int dialogs = 40;
    dll.on_begin = [](const BeginCall& call) {
        std::thread([call] {
            ScopedEvent event;
            std::memcpy(call.send_buffer, "Name: ", 6);
            RasSecurityDialogSend(call.port, call.send_buffer, 6);
            std::string name;
            while (name.find('\r') == std::string::npos) {
                WORD length = static_cast<WORD>(call.receive_size);
                if (RasSecurityDialogReceive(call.port, call.receive_buffer, &length, 10, event.handle) != PENDING) return;
                WaitForSingleObject(event.handle, INFINITE);
                if (length == 0) return;
                name += bytes_of(call.receive_buffer, length);
            }
            name.pop_back();
            complete(call.port, SECURITYMSG_SUCCESS, name.c_str());
        }).detach();
        return DWORD{NO_ERROR};
    };
    TestHost host(FakeDll::entry_points());
    std::vector<rasshost::test::RemoteUser> users;
    for (int i = 0; i < dialogs; ++i) users.push_back(host.connect());
    for (int i = 0; i < dialogs; ++i) {
        users[i].expect("Name: ");
        users[i].send("user" + std::to_string(i) + "\r");
    }
    std::set<std::string> names;
    for (int i = 0; i < dialogs; ++i) {
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == Verdict::success);
        names.insert(outcome.user);
    }
    CHECK(names.size() == dialogs);
    CHECK(dll.wait_end_count(dialogs));
}

TEST_CASE("Shutdown with dialogs in flight calls End once for each and reports them aborted") {
    FakeDll dll;
    std::vector<rasshost::DialogOutcome> outcomes;
    std::mutex mutex;
    {
        rasshost::HostOptions options;
        options.on_outcome = [&](const rasshost::DialogOutcome& outcome) {
            std::lock_guard lock(mutex);
            outcomes.push_back(outcome);
        };
        TestHost host(FakeDll::entry_points(), options);
        std::vector<rasshost::test::RemoteUser> users;
        for (int i = 0; i < 10; ++i) users.push_back(host.connect());
        for (int i = 0; i < 10; ++i) dll.wait_begin();
        host.host().shutdown();
        CHECK(host.host().live_dialogs() == 0);
    }
    const auto ended = dll.ended();
    CHECK(ended.size() == 10);
    std::set<HPORT> distinct(ended.begin(), ended.end());
    CHECK(distinct.size() == 10);
    REQUIRE(outcomes.size() == 10);
    for (auto& outcome : outcomes) {
        CHECK(outcome.verdict == Verdict::aborted);
        CHECK(outcome.reason == "shutdown");
    }
}

TEST_CASE("Received bytes never reach the log -- the transcript masks every typed byte") {
    FakeDll dll;
    std::vector<std::string> log;
    std::string transcript;
    std::mutex mutex;
    rasshost::HostOptions options;
    options.on_log = [&](rasshost::LogLevel, std::string_view line) {
        std::lock_guard lock(mutex);
        log.emplace_back(line);
    };
    options.on_transcript = [&](HPORT, bool from_remote, std::string_view bytes) {
        std::lock_guard lock(mutex);
        transcript += from_remote ? "<" : ">";
        transcript += bytes;
    };
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    auto ask = [&](const char* prompt, const char* answer) {
        const auto n = std::strlen(prompt);
        std::memcpy(begin.send_buffer, prompt, n);
        REQUIRE(RasSecurityDialogSend(begin.port, begin.send_buffer, static_cast<WORD>(n)) == PENDING);
        user.expect(prompt);
        user.send(answer);
        CHECK(receive_at_least(begin, std::strlen(answer)) == answer);
    };
    ask("Username: ", "dave\r");
    ask("Password: ", "hunter2\r");
    ask("Enter PIN: ", "4711\r");
    complete(begin.port, SECURITYMSG_SUCCESS, "dave");
    host.wait_outcome();
    std::lock_guard lock(mutex);
    CHECK(transcript.find("dave") == std::string::npos);
    CHECK(transcript.find("<****\r") != std::string::npos);
    CHECK(transcript.find("hunter2") == std::string::npos);
    CHECK(transcript.find("4711") == std::string::npos);
    CHECK(transcript.find("<*******\r") != std::string::npos);
    CHECK_FALSE(log.empty());
    for (auto& line : log) {
        CHECK(line.find("hunter2") == std::string::npos);
        CHECK(line.find("4711") == std::string::npos);
    }
}
