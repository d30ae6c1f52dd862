// Faults: the remote user hangs up at every step of a dialog, the
// DLL's worker dies without Complete, Complete arrives while a Receive is
// pending and the DLL then frees what that Receive pointed at, End races the
// DLL's own calls, and the host shuts down with 100 dialogs in flight.
// Each case checks the verdict (never SUCCESS unless the DLL said so for
// that HPORT in time) and the error codes. Run under ASan+UBSan and TSan by
// scripts/run-tests.sh: a write into freed DLL memory or a race fails there.
#include "fault_helpers.hpp"

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
    // The buffers are valid until End returns
    // (docs/decisions.md#buffer-sizes-and-lifetime): this DLL's End
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
        // The host failed the pending receive before End
        // (docs/decisions.md#abnormal-termination).
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
