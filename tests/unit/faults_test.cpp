// Faults (issue 5): the remote user hangs up at every step of a dialog, the
// DLL's worker dies without Complete, Complete arrives while a Receive is
// pending and the DLL then frees what that Receive pointed at, End races the
// DLL's own calls, and the host shuts down with 100 dialogs in flight.
// Each case checks the verdict (never SUCCESS unless the DLL said so for
// that HPORT in time) and the error codes. Run under ASan+UBSan and TSan by
// scripts/run-tests.sh: a write into freed DLL memory or a race fails there.
#include <doctest/doctest.h>

#include "fake_dll.hpp"

#include <rasshost/listeners.hpp>
#include <rasshost/loopback.hpp>
#include <rasshost/port_spec.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <utility>

using namespace std::chrono_literals;
using rasshost::Verdict;
using rasshost::test::TestHost;

namespace {

void complete(HPORT port, DWORD id, const char* user = "alice", DWORD error = 0) {
    SECURITY_MESSAGE message = verdict(port, id, user, error);
    RasSecurityDialogComplete(&message);
}

template <class Predicate>
bool wait_until(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

DWORD last_error_of(HPORT port) {
    RAS_SECURITY_INFO info{};
    const DWORD result = RasSecurityDialogGetInfo(port, &info);
    return result == NO_ERROR ? info.LastError : result;
}

// Every rasman call on a dead HPORT returns 601 (spec OQ-20).
void check_port_dead(HPORT port) {
    BYTE b = 'x';
    WORD length = 1;
    ScopedEvent event;
    RAS_SECURITY_INFO info{};
    CHECK(RasSecurityDialogSend(port, &b, 1) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogReceive(port, &b, &length, 0, event.handle) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogGetInfo(port, &info) == ERROR_INVALID_PORT_HANDLE);
    CHECK(length == 1);
}

void send_ignoring_hangup(rasshost::test::RemoteUser& user, std::string_view text) {
    try {
        user.send(text);
    } catch (const rasshost::test::ExpectationFailed&) {
        // the host has already hung up: fine
    }
}

}  // namespace

TEST_CASE("Fault: the remote hangs up while Begin is still running: 619 inside Begin, a SUCCESS after it counts for nothing") {
    FakeDll dll;
    ScopedEvent go;
    std::atomic<HPORT> port{nullptr};
    std::atomic<DWORD> send_in_begin{0}, receive_in_begin{0};
    dll.on_begin = [&](const BeginCall& call) {
        port = call.port;
        WaitForSingleObject(go.handle, 10000);  // the test decides when Begin goes on
        std::memcpy(call.send_buffer, "hi", 2);
        send_in_begin = RasSecurityDialogSend(call.port, call.send_buffer, 2);
        ScopedEvent event;
        WORD length = 10;
        receive_in_begin = RasSecurityDialogReceive(call.port, call.receive_buffer, &length, 0, event.handle);
        complete(call.port, SECURITYMSG_SUCCESS, "too-late");  // after the hang-up
        return DWORD{NO_ERROR};
    };
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    REQUIRE(wait_until([&] { return port.load() != nullptr; }));
    user.hang_up();
    // Noticed while Begin still blocks: LastError 619, the HPORT still valid.
    REQUIRE(wait_until([&] { return last_error_of(port) == ERROR_PORT_DISCONNECTED; }));
    CHECK(dll.ended().empty());  // no End before Begin returned
    SetEvent(go.handle);
    auto outcome = host.wait_outcome();
    CHECK(send_in_begin == ERROR_PORT_DISCONNECTED);
    CHECK(receive_in_begin == ERROR_PORT_DISCONNECTED);
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "hang-up");
    CHECK(outcome.error == ERROR_PORT_DISCONNECTED);
    CHECK(outcome.port == port.load());
    REQUIRE(dll.wait_end_count(1));
    CHECK(dll.ended() == std::vector<HPORT>{port.load()});
    CHECK(wait_until([&] { return host.host().live_dialogs() == 0; }));
    check_port_dead(port);
}

TEST_CASE("Fault: the remote hangs up mid-Send: later Sends fail with 619 or 601, never hang, End once") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    std::atomic<bool> started{false};
    DWORD failure = PENDING;
    std::thread worker([&] {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        std::memset(begin.send_buffer, 'S', begin.send_size);
        while (std::chrono::steady_clock::now() < deadline) {
            const DWORD result = RasSecurityDialogSend(begin.port, begin.send_buffer, static_cast<WORD>(begin.send_size));
            started = true;
            if (result == ERROR_NOT_ENOUGH_MEMORY) {  // output queue full for a moment
                std::this_thread::sleep_for(1ms);
                continue;
            }
            if (result != PENDING) {
                failure = result;
                return;
            }
        }
    });
    user.expect("SSSS");
    user.hang_up();
    worker.join();
    CHECK((failure == ERROR_PORT_DISCONNECTED || failure == ERROR_INVALID_PORT_HANDLE));
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "hang-up");
    CHECK(outcome.error == ERROR_PORT_DISCONNECTED);
    CHECK(outcome.bytes_sent > 0);
    CHECK(dll.ended() == std::vector<HPORT>{begin.port});
    check_port_dead(begin.port);
}

TEST_CASE("Fault: the remote types and hangs up mid-Receive: what was read is delivered, then 619, End once") {
    FakeDll dll;
    // The buffers are valid until End returns (spec OQ-6): this DLL's End
    // waits until its worker is done with pRecvBuf, as a real one would.
    ScopedEvent worker_done;
    dll.on_end = [&](HPORT) {
        WaitForSingleObject(worker_done.handle, 10000);
        return DWORD{ERROR_PORT_DISCONNECTED};
    };
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 3;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
    user.send("abcdef");
    user.hang_up();
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 3);
    CHECK(bytes_of(begin.receive_buffer, 3) == "abc");
    // The rest of the typed bytes went with the line: the next Receive fails.
    REQUIRE(wait_until([&] { return last_error_of(begin.port) != SUCCESS; }));
    WORD again = 10;
    const DWORD second = RasSecurityDialogReceive(begin.port, begin.receive_buffer, &again, 0, event.handle);
    CHECK((second == ERROR_PORT_DISCONNECTED || second == ERROR_INVALID_PORT_HANDLE));
    CHECK(again == 10);
    SetEvent(worker_done.handle);
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.error == ERROR_PORT_DISCONNECTED);
    CHECK(outcome.bytes_received == 6);
    CHECK(dll.ended() == std::vector<HPORT>{begin.port});
}

TEST_CASE("Fault: the remote hangs up right after Complete: the verdict stands, End once") {
    for (DWORD id : {DWORD{SECURITYMSG_FAILURE}, DWORD{SECURITYMSG_SUCCESS}}) {
        CAPTURE(id);
        FakeDll dll;
        TestHost host(FakeDll::entry_points());
        auto user = host.connect();
        auto begin = dll.wait_begin();
        std::memcpy(begin.send_buffer, "Bye.\r\n", 6);
        REQUIRE(RasSecurityDialogSend(begin.port, begin.send_buffer, 6) == PENDING);
        complete(begin.port, id, "erin");
        user.hang_up();
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == (id == SECURITYMSG_SUCCESS ? Verdict::success : Verdict::failure));
        CHECK(outcome.user == "erin");
        CHECK(dll.wait_end_count(1));
        CHECK(dll.ended() == std::vector<HPORT>{begin.port});
        check_port_dead(begin.port);
    }
}

TEST_CASE("Fault: the DLL's worker dies without Complete: the dialog timeout ends it, End once, all freed") {
    FakeDll dll;
    struct PortState {  // the DLL's per-port state, freed in its End
        HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
        WORD length = 40;
    };
    std::mutex mutex;
    std::unique_ptr<PortState> state;
    std::atomic<bool> checked_in_end{false};
    dll.on_begin = [&](const BeginCall& call) {
        {
            std::lock_guard lock(mutex);
            state = std::make_unique<PortState>();
        }
        std::thread([call, s = state.get()] {
            std::memcpy(call.send_buffer, "Token: ", 7);
            RasSecurityDialogSend(call.port, call.send_buffer, 7);
            RasSecurityDialogReceive(call.port, call.receive_buffer, &s->length, 0, s->event);
            // ...and the worker "crashes out": no wait, no Complete.
        }).detach();
        return DWORD{NO_ERROR};
    };
    dll.on_end = [&](HPORT) {
        std::lock_guard lock(mutex);
        // The host failed the pending receive before End (OQ-19).
        CHECK(WaitForSingleObject(state->event, 0) == WAIT_OBJECT_0);
        CHECK(state->length == 0);
        CloseHandle(state->event);
        state.reset();
        checked_in_end = true;
        return DWORD{ERROR_PORT_DISCONNECTED};
    };
    rasshost::HostOptions options;
    options.dialog_timeout = 1s;
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    user.expect("Token: ");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "dialog timeout");
    CHECK(outcome.error == ERROR_REQUEST_TIMEOUT);
    CHECK(checked_in_end);
    CHECK(dll.ended() == std::vector<HPORT>{begin.port});
    CHECK(wait_until([&] { return host.host().live_dialogs() == 0; }));
    check_port_dead(begin.port);
    user.expect_hangup();
}

TEST_CASE("Fault: Complete with a null message, twice, for a stale HPORT: ignored, the right verdict stands") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    HPORT stale = nullptr;
    {
        auto user = host.connect();
        auto begin = dll.wait_begin();
        stale = begin.port;
        complete(begin.port, SECURITYMSG_FAILURE, "first");
        CHECK(host.wait_outcome().verdict == Verdict::failure);
    }
    auto user = host.connect();
    auto begin = dll.wait_begin();
    RasSecurityDialogComplete(nullptr);
    complete(stale, SECURITYMSG_SUCCESS, "stale");  // the old transaction is over: ignored
    complete(begin.port, SECURITYMSG_ERROR, "second", ERROR_AUTHENTICATION_FAILURE);
    complete(begin.port, SECURITYMSG_SUCCESS, "third");
    complete(begin.port, SECURITYMSG_SUCCESS, "fourth");
    auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::error);
    CHECK(outcome.error == ERROR_AUTHENTICATION_FAILURE);
    CHECK(outcome.user == "second");
    CHECK(dll.wait_end_count(2));
    CHECK(dll.ended().size() == 2);
}

TEST_CASE("Fault: unterminated names in a FAILURE and an ERROR are cut at UNLEN/DNLEN") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    for (DWORD id : {DWORD{SECURITYMSG_FAILURE}, DWORD{SECURITYMSG_ERROR}}) {
        auto user = host.connect();
        auto begin = dll.wait_begin();
        auto message = std::make_unique<SECURITY_MESSAGE>();
        message->dwMsgId = id;
        message->hPort = begin.port;
        message->dwError = id == SECURITYMSG_ERROR ? ERROR_ACCT_DISABLED : 0;
        std::memset(message->UserName, 0xFF, sizeof message->UserName);
        std::memset(message->Domain, 'D', sizeof message->Domain);
        RasSecurityDialogComplete(message.get());
        std::memset(message.get(), 0x55, sizeof *message);  // the host copied it
        message.reset();
        auto outcome = host.wait_outcome();
        CHECK(outcome.verdict == (id == SECURITYMSG_FAILURE ? Verdict::failure : Verdict::error));
        CHECK(outcome.user == std::string(UNLEN, '\xFF'));
        CHECK(outcome.domain == std::string(DNLEN, 'D'));
    }
}

// The legacy-DLL pattern: Receive into memory the worker owns, the worker's
// own wait times out, it calls Complete, closes its event and returns (its
// stack, and with it the WORD, is gone). From Complete on, the host must not
// write the WORD or the buffer or signal the event. Under ASan the freed
// memory traps any write; natively the poisoned copy shows it.
TEST_CASE("Fault: Complete while a Receive is pending, then the worker frees its WORD, buffer and event") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    SUBCASE("freed memory, closed event (ASan traps a late write)") {
        for (bool own_buffer : {true, false}) {
            CAPTURE(own_buffer);
            auto user = host.connect();
            auto begin = dll.wait_begin();
            auto* length = new WORD(50);
            auto* buffer = own_buffer ? new BYTE[64] : begin.receive_buffer;
            HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
            std::thread worker([&] {
                REQUIRE(RasSecurityDialogReceive(begin.port, buffer, length, 1, event) == PENDING);
                CHECK(WaitForSingleObject(event, 50) == WAIT_TIMEOUT);  // the DLL's own short wait
                complete(begin.port, SECURITYMSG_FAILURE, "timed-out");
                CloseHandle(event);
                delete length;
                if (own_buffer) delete[] buffer;
            });
            worker.join();
            send_ignoring_hangup(user, "typed after the verdict\r");
            CHECK(host.wait_outcome().verdict == Verdict::failure);
            std::this_thread::sleep_for(1200ms);  // past the receive's own 1 s timeout
        }
    }
    SUBCASE("poisoned memory kept alive, event kept open: untouched") {
        auto user = host.connect();
        auto begin = dll.wait_begin();
        auto length = std::make_unique<WORD>(50);
        auto buffer = std::make_unique<BYTE[]>(64);
        ScopedEvent event;
        REQUIRE(RasSecurityDialogReceive(begin.port, buffer.get(), length.get(), 1, event.handle) == PENDING);
        complete(begin.port, SECURITYMSG_FAILURE, "timed-out");
        *length = 0xA5A5;
        std::memset(buffer.get(), 0xA5, 64);
        send_ignoring_hangup(user, "typed after the verdict\r");
        CHECK(host.wait_outcome().verdict == Verdict::failure);
        std::this_thread::sleep_for(1200ms);
        CHECK(*length == 0xA5A5);
        CHECK(std::all_of(buffer.get(), buffer.get() + 64, [](BYTE b) { return b == 0xA5; }));
        CHECK(WaitForSingleObject(event.handle, 0) == WAIT_TIMEOUT);
    }
}

TEST_CASE("Fault: End runs while the DLL's worker loops Send/Receive/GetInfo: only 600/619/601 and friends, no race") {
    FakeDll dll;
    constexpr int dialogs = 8;
    std::mutex mutex;
    std::vector<std::thread> workers;
    std::set<DWORD> send_codes, receive_codes, info_codes, last_errors;
    std::atomic<int> finished{0};
    dll.on_begin = [&](const BeginCall& call) {
        std::lock_guard lock(mutex);
        workers.emplace_back([&, call] {
            ScopedEvent event;
            WORD length = 0;  // owned by the pending receive until the event is set
            bool pending = false;
            std::set<DWORD> sends, receives, infos, lasts;
            const auto deadline = std::chrono::steady_clock::now() + 20s;
            std::memcpy(call.send_buffer, ">", 1);
            for (;;) {
                sends.insert(RasSecurityDialogSend(call.port, call.send_buffer, 1));
                if (!pending) {
                    length = static_cast<WORD>(call.receive_size);
                    const DWORD r = RasSecurityDialogReceive(call.port, call.receive_buffer, &length, 0, event.handle);
                    receives.insert(r);
                    pending = r == PENDING;
                }
                if (pending && WaitForSingleObject(event.handle, 20) == WAIT_OBJECT_0) pending = false;
                RAS_SECURITY_INFO info{};
                const DWORD g = RasSecurityDialogGetInfo(call.port, &info);
                infos.insert(g);
                if (g == NO_ERROR) lasts.insert(info.LastError);
                if (g == ERROR_INVALID_PORT_HANDLE || std::chrono::steady_clock::now() > deadline) break;
            }
            std::lock_guard inner(mutex);
            send_codes.insert(sends.begin(), sends.end());
            receive_codes.insert(receives.begin(), receives.end());
            info_codes.insert(infos.begin(), infos.end());
            last_errors.insert(lasts.begin(), lasts.end());
            ++finished;
        });
        return DWORD{NO_ERROR};
    };
    {
        rasshost::HostOptions options;
        options.input_queue_limit = 1 << 20;
        TestHost host(FakeDll::entry_points(), options);
        std::vector<rasshost::test::RemoteUser> users;
        for (int i = 0; i < dialogs; ++i) users.push_back(host.connect());
        for (int i = 0; i < dialogs; ++i) users[i].expect(">");
        for (int i = 0; i < dialogs; ++i) send_ignoring_hangup(users[i], "x");
        // Half end by a remote hang-up, half by the host's shutdown.
        for (int i = 0; i < dialogs / 2; ++i) users[i].hang_up();
        for (int i = 0; i < dialogs / 2; ++i) {
            const auto outcome = host.wait_outcome();
            CHECK(outcome.verdict == Verdict::aborted);
        }
        host.host().shutdown();
        CHECK(host.host().live_dialogs() == 0);
    }
    REQUIRE(wait_until([&] { return finished == dialogs; }, 30s));
    for (auto& worker : workers) worker.join();
    CHECK(dll.ended().size() == dialogs);
    const std::set<DWORD> sends_allowed{PENDING, ERROR_PORT_DISCONNECTED, ERROR_INVALID_PORT_HANDLE};
    const std::set<DWORD> receives_allowed{PENDING, ERROR_PORT_DISCONNECTED, ERROR_INVALID_PORT_HANDLE};
    const std::set<DWORD> infos_allowed{NO_ERROR, ERROR_INVALID_PORT_HANDLE};
    const std::set<DWORD> lasts_allowed{SUCCESS, PENDING, ERROR_PORT_DISCONNECTED};
    for (DWORD code : send_codes) CHECK(sends_allowed.count(code) == 1);
    for (DWORD code : receive_codes) CHECK(receives_allowed.count(code) == 1);
    for (DWORD code : info_codes) CHECK(infos_allowed.count(code) == 1);
    for (DWORD code : last_errors) CHECK(lasts_allowed.count(code) == 1);
    CHECK(info_codes.count(ERROR_INVALID_PORT_HANDLE) == 1);  // every worker saw its HPORT die
}

TEST_CASE("Fault: shutdown with 100 dialogs in flight: End exactly once each, all aborted, nothing leaks") {
    FakeDll dll;
    constexpr int dialogs = 100;
    struct Worker {  // per-port DLL state, freed by End
        HANDLE stop = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        HANDLE received = CreateEventA(nullptr, FALSE, FALSE, nullptr);
        WORD length = 0;
        std::thread thread;
        ~Worker() {
            CloseHandle(stop);
            CloseHandle(received);
        }
    };
    std::mutex mutex;
    std::map<HPORT, std::unique_ptr<Worker>> workers;
    std::atomic<int> double_ends{0};
    dll.on_begin = [&](const BeginCall& call) {
        auto worker = std::make_unique<Worker>();
        worker->thread = std::thread([call, w = worker.get()] {
            std::memcpy(call.send_buffer, "? ", 2);
            RasSecurityDialogSend(call.port, call.send_buffer, 2);
            w->length = static_cast<WORD>(call.receive_size);
            if (RasSecurityDialogReceive(call.port, call.receive_buffer, &w->length, 0, w->received) != PENDING) return;
            HANDLE both[] = {w->stop, w->received};
            WaitForMultipleObjects(2, both, FALSE, INFINITE);
        });
        std::lock_guard lock(mutex);
        workers.emplace(call.port, std::move(worker));
        return DWORD{NO_ERROR};
    };
    dll.on_end = [&](HPORT port) {
        std::unique_ptr<Worker> worker;
        {
            std::lock_guard lock(mutex);
            auto it = workers.find(port);
            if (it == workers.end()) {
                ++double_ends;
                return DWORD{ERROR_PORT_DISCONNECTED};
            }
            worker = std::move(it->second);
            workers.erase(it);
        }
        SetEvent(worker->stop);
        worker->thread.join();
        return DWORD{ERROR_PORT_DISCONNECTED};
    };
    std::vector<rasshost::DialogOutcome> outcomes;
    std::vector<HPORT> begun;
    {
        rasshost::HostOptions options;
        options.on_outcome = [&](const rasshost::DialogOutcome& outcome) {
            std::lock_guard lock(mutex);
            outcomes.push_back(outcome);
        };
        TestHost host(FakeDll::entry_points(), options);
        std::vector<rasshost::test::RemoteUser> users;
        for (int i = 0; i < dialogs; ++i) users.push_back(host.connect());
        for (int i = 0; i < dialogs; ++i) begun.push_back(dll.wait_begin().port);
        for (int i = 0; i < dialogs; i += 3) users[i].expect("? ");
        host.host().shutdown();
        CHECK(host.host().live_dialogs() == 0);
    }
    CHECK(double_ends == 0);
    CHECK(workers.empty());
    for (auto& [port, worker] : workers) {  // only if End was missed: stop them before they are freed
        SetEvent(worker->stop);
        worker->thread.join();
    }
    const auto ended = dll.ended();
    CHECK(ended.size() == dialogs);
    CHECK(std::set<HPORT>(ended.begin(), ended.end()) == std::set<HPORT>(begun.begin(), begun.end()));
    REQUIRE(outcomes.size() == dialogs);
    for (auto& outcome : outcomes) {
        CHECK(outcome.verdict == Verdict::aborted);
        CHECK(outcome.reason == "shutdown");
        CHECK(outcome.error == ERROR_USER_DISCONNECTION);
    }
    for (HPORT port : begun) check_port_dead(port);
}

// Regression (found by the test above under TSan): a DLL thread inside
// Send/GetInfo holds its dialog; if the dialog finished meanwhile, that
// thread dropped the last reference -- after the host and its io_context
// were gone, so the dialog's strand, timers and port were destroyed against
// a dead io_context. Shutdown now waits for every dialog object to be
// destroyed. Racy by nature: repeated, and checked by ASan and TSan.
TEST_CASE("Fault: DLL threads inside rasman calls while the host is destroyed: no dialog outlives its io_context") {
    for (int round = 0; round < 20; ++round) {
        CAPTURE(round);
        FakeDll dll;
        std::vector<std::thread> workers;
        {
            TestHost host(FakeDll::entry_points());
            auto user = host.connect();
            auto begin = dll.wait_begin();
            for (int i = 0; i < 2; ++i) {
                workers.emplace_back([port = begin.port] {
                    RAS_SECURITY_INFO info{};
                    BYTE b = 'x';
                    while (RasSecurityDialogGetInfo(port, &info) == NO_ERROR) RasSecurityDialogSend(port, &b, 1);
                });
            }
            if (round % 2 == 0) user.hang_up();  // else the TestHost's shutdown ends it
        }
        for (auto& worker : workers) worker.join();
        CHECK(dll.ended().size() == 1);
    }
}

namespace {

// A listener whose first accept fails as accept(2) does when the process is
// out of file descriptors, then produces one call, then waits.
class OutOfDescriptorsListener final : public rasshost::PortListener {
public:
    explicit OutOfDescriptorsListener(asio::any_io_executor executor) : executor_(std::move(executor)) {}
    std::string description() const override { return "out-of-fds"; }
    void async_accept(AcceptHandler handler) override {
        std::lock_guard lock(mutex_);
        ++calls_;
        if (calls_ == 1) {
            asio::post(executor_, [handler = std::move(handler)] {
                handler(std::make_error_code(std::errc::too_many_files_open), nullptr);
            });
        } else if (calls_ == 2) {
            auto pair = rasshost::make_loopback(executor_, "after-emfile");
            remote_ = std::move(pair.remote_side);
            asio::post(executor_, [handler = std::move(handler), port = std::shared_ptr<rasshost::Port>(
                                                                     std::move(pair.host_side))]() mutable {
                handler({}, std::unique_ptr<rasshost::Port>(new ForwardingPort(port)));
            });
        } else {
            pending_ = std::move(handler);
        }
    }
    void close() noexcept override {
        std::lock_guard lock(mutex_);
        if (pending_)
            asio::post(executor_, [handler = std::exchange(pending_, {})] { handler(asio::error::operation_aborted, nullptr); });
    }

private:
    // std::function needs a copyable lambda: the port travels in a shared_ptr.
    struct ForwardingPort final : rasshost::Port {
        explicit ForwardingPort(std::shared_ptr<rasshost::Port> port) : port_(std::move(port)) {}
        const std::string& device_name() const noexcept override { return port_->device_name(); }
        asio::any_io_executor get_executor() noexcept override { return port_->get_executor(); }
        void async_read_some(std::span<std::byte> buffer, rasshost::IoHandler handler) override {
            port_->async_read_some(buffer, std::move(handler));
        }
        void async_write(std::span<const std::byte> data, rasshost::IoHandler handler) override {
            port_->async_write(data, std::move(handler));
        }
        void close() noexcept override { port_->close(); }
        std::shared_ptr<rasshost::Port> port_;
    };

    asio::any_io_executor executor_;
    std::mutex mutex_;
    int calls_ = 0;
    std::unique_ptr<rasshost::RemoteEnd> remote_;
    AcceptHandler pending_;
};

}  // namespace

// Regression: an accept that failed with EMFILE (a flood of TCP connections
// used up the descriptors) stopped the listener for good; now the host logs
// it and accepts again a second later.
TEST_CASE("Fault: out of file descriptors on accept: the listener accepts again and serves the next call") {
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    {
        FakeDll dll;
        std::mutex mutex;
        std::vector<std::string> log;
        std::vector<rasshost::DialogOutcome> outcomes;
        rasshost::HostOptions options;
        options.on_log = [&](rasshost::LogLevel, std::string_view line) {
            std::lock_guard lock(mutex);
            log.emplace_back(line);
        };
        options.on_outcome = [&](const rasshost::DialogOutcome& outcome) {
            std::lock_guard lock(mutex);
            outcomes.push_back(outcome);
        };
        rasshost::SecurityHost host(io, FakeDll::entry_points(), options);
        host.serve(std::make_unique<OutOfDescriptorsListener>(io.get_executor()));
        auto begin = dll.wait_begin();
        complete(begin.port, SECURITYMSG_FAILURE, "after-emfile");
        REQUIRE(wait_until([&] {
            std::lock_guard lock(mutex);
            return !outcomes.empty();
        }));
        host.shutdown();
        std::lock_guard lock(mutex);
        CHECK(outcomes.front().verdict == Verdict::failure);
        CHECK(std::any_of(log.begin(), log.end(),
                          [](const std::string& line) { return line.find("accepting again") != std::string::npos; }));
    }
    work.reset();
    runner.join();
}

// The port disappears: a TCP client resets the connection (RST, not FIN)
// while the DLL waits in a Receive. The host sees a read error, fails the
// Receive with 619 and ends the dialog: aborted, End once.
TEST_CASE("Fault: a TCP reset mid-Receive: the Receive fails with 619, aborted, End once") {
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    FakeDll dll;
    std::mutex mutex;
    std::vector<rasshost::DialogOutcome> outcomes;
    rasshost::HostOptions options;
    options.on_outcome = [&](const rasshost::DialogOutcome& outcome) {
        std::lock_guard lock(mutex);
        outcomes.push_back(outcome);
    };
    rasshost::SecurityHost host(io, FakeDll::entry_points(), options);
    auto listener = rasshost::open_tcp_listener(io, rasshost::TcpSettings{"127.0.0.1", 0});
    const auto port_number = listener->local_port();
    host.serve(std::move(listener));
    std::thread runner([&] { io.run(); });

    asio::io_context client_io;
    asio::ip::tcp::socket client(client_io);
    client.connect({asio::ip::make_address("127.0.0.1"), port_number});
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 100;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
    client.set_option(asio::socket_base::linger(true, 0));  // close() sends RST
    client.close();
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 0);
    REQUIRE(wait_until([&] {
        std::lock_guard lock(mutex);
        return !outcomes.empty();
    }));
    host.shutdown();
    {
        std::lock_guard lock(mutex);
        CHECK(outcomes.front().verdict == Verdict::aborted);
        CHECK(outcomes.front().error == ERROR_PORT_DISCONNECTED);
    }
    CHECK(dll.ended() == std::vector<HPORT>{begin.port});
    check_port_dead(begin.port);
    work.reset();
    io.stop();
    runner.join();
}
