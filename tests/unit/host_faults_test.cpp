// Faults of the host itself: shutdown with 100 dialogs in flight,
// DLL threads still inside rasman calls while the host is destroyed, a TCP
// reset mid-Receive (accept running out of descriptors:
// posix/accept_out_of_descriptors_test.cpp). Each case checks the
// verdict and the error codes; ASan+UBSan and TSan runs catch the rest.
#include "fault_helpers.hpp"

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
