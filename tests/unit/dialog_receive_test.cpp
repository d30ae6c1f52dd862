// RasSecurityDialogReceive and GetInfo over a loopback line:
// docs/decisions.md, sections when-a-receive-completes to
// input-with-no-receive-pending, event-handles and getinfo.
#include <doctest/doctest.h>

#include "fault_helpers.hpp"
#include "support/platform_cases.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using rasshost::test::TestHost;

TEST_CASE("Receive returns PENDING and completes with the bytes, then the WORD length, then the event") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = static_cast<WORD>(begin.receive_size);
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
    RAS_SECURITY_INFO info{};
    REQUIRE(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);
    CHECK(info.LastError == PENDING);
    user.send("hello\r");
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 6);
    CHECK(bytes_of(begin.receive_buffer, length) == "hello\r");
    REQUIRE(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);
    CHECK(info.LastError == SUCCESS);
    CHECK(info.BytesReceived == 6);
    SECURITY_MESSAGE message = verdict(begin.port, SECURITYMSG_SUCCESS);
    RasSecurityDialogComplete(&message);
    CHECK(host.wait_outcome().verdict == rasshost::Verdict::success);
}

TEST_CASE("Excess input is kept for the next Receive, min(available, capacity) each time") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    user.send("abcdefgh");
    ScopedEvent event;
    std::string got;
    while (got.size() < 8) {
        const auto chunk = receive_once(begin, event.handle, 3);
        REQUIRE(!chunk.empty());
        got += chunk;
    }
    CHECK(got == "abcdefgh");
}

TEST_CASE("Randomised chunking loses and duplicates no byte across many Receives") {
    FakeDll dll;
    rasshost::HostOptions options;
    options.input_queue_limit = 1 << 20;  // the remote may run ahead of the DLL
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    std::mt19937 random(12345);
    std::string sent;
    for (int i = 0; i < 20000; ++i) sent += static_cast<char>(random() & 0xFF);
    std::thread remote([&] {
        std::mt19937 chunks(777);
        for (std::size_t at = 0; at < sent.size();) {
            const auto n = std::min<std::size_t>(1 + chunks() % 300, sent.size() - at);
            user.send(std::string_view(sent).substr(at, n));
            at += n;
        }
    });
    ScopedEvent event;
    std::string got;
    while (got.size() < sent.size()) {
        WORD length = static_cast<WORD>(1 + random() % begin.receive_size);
        REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 10, event.handle) == PENDING);
        REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
        REQUIRE(length > 0);
        got += bytes_of(begin.receive_buffer, length);
    }
    remote.join();
    CHECK(got == sent);
}

TEST_CASE("A receive timeout signals the event with length 0 and LastError SUCCESS") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 100;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 1, event.handle) == PENDING);
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 0);
    RAS_SECURITY_INFO info{};
    REQUIRE(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);
    CHECK(info.LastError == SUCCESS);
    CHECK(info.BytesReceived == 0);
}

TEST_CASE("With receive_timeout_is_error a timeout reports LastError 638") {
    FakeDll dll;
    rasshost::HostOptions options;
    options.receive_timeout_is_error = true;
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 100;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 1, event.handle) == PENDING);
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 0);
    RAS_SECURITY_INFO info{};
    REQUIRE(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);
    CHECK(info.LastError == ERROR_REQUEST_TIMEOUT);
}

TEST_CASE("Timeout 0 means no timeout: the receive waits for input") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 100;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
    CHECK(WaitForSingleObject(event.handle, 1500) == WAIT_TIMEOUT);
    CHECK(length == 100);  // untouched while pending
    user.send("x");
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length == 1);
}

TEST_CASE("Each Receive times out after its own Timeout, whatever earlier Receives asked") {
    // The host arms one timer for all of a dialog's Receives: a timer armed
    // for an earlier Receive must neither end a later one too soon nor hold
    // back one that asked for less.
    using Clock = std::chrono::steady_clock;
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    auto answered = [&](DWORD timeout_seconds, const std::string& text) {  // at once, by the user
        WORD length = 100;
        REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, timeout_seconds, event.handle) ==
                PENDING);
        user.send(text);
        REQUIRE(WaitForSingleObject(event.handle, 20000) == WAIT_OBJECT_0);
        CHECK(bytes_of(begin.receive_buffer, length) == text);
    };
    auto timed_out_after = [&](DWORD timeout_seconds) {  // nobody answers: how long until length 0
        WORD length = 100;
        const auto started = Clock::now();
        REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, timeout_seconds, event.handle) ==
                PENDING);
        REQUIRE(WaitForSingleObject(event.handle, 20000) == WAIT_OBJECT_0);  // 20 s: far below 60
        CHECK(length == 0);
        return Clock::now() - started;
    };

    // The timer firing for the first 2 s Receive does not end the second.
    answered(2, "a");
    std::this_thread::sleep_for(1s);
    CHECK(timed_out_after(2) >= 1900ms);
    // After a 60 s Receive, a 1 s one ends after about 1 s, not 60.
    answered(60, "b");
    CHECK(timed_out_after(1) >= 900ms);
}

TEST_CASE("Queued input completes a Receive at once, still returning PENDING") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    user.send("queued");
    CHECK(receive_at_least(begin, 6, 64) == "queued");
}

TEST_CASE("A second Receive while one is pending returns 616 and leaves the first untouched") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent first, second;
    WORD length1 = 10, length2 = 10;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length1, 0, first.handle) == PENDING);
    BYTE other[10];
    CHECK(RasSecurityDialogReceive(begin.port, other, &length2, 0, second.handle) == ERROR_ASYNC_REQUEST_PENDING);
    user.send("ok");
    REQUIRE(WaitForSingleObject(first.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length1 == 2);
    CHECK(WaitForSingleObject(second.handle, 0) == WAIT_TIMEOUT);
    CHECK(length2 == 10);
}

TEST_CASE("Receive with a closed event handle: 6, no receive started" * platform_cases::posix_emulation_only) {
    // On Windows a closed handle's value is free at once: any thread of the
    // process (the host's among them) may get it for a new object before the
    // call, and then it names that object. The emulation's handle values
    // carry a generation, so a closed one stays invalid.
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    WORD length = 10;
    HANDLE closed = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    CloseHandle(closed);
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, closed) == ERROR_INVALID_HANDLE);
    ScopedEvent event;
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
}

TEST_CASE("Receive argument checks: NULL 87, zero capacity 603, bad event 6, no receive started") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    ScopedEvent event;
    WORD length = 10;
    CHECK(RasSecurityDialogReceive(begin.port, nullptr, &length, 0, event.handle) == ERROR_INVALID_PARAMETER);
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, nullptr, 0, event.handle) == ERROR_INVALID_PARAMETER);
    WORD zero = 0;
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &zero, 0, event.handle) == ERROR_BUFFER_TOO_SMALL);
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, nullptr) == ERROR_INVALID_HANDLE);
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, INVALID_HANDLE_VALUE) == ERROR_INVALID_HANDLE);
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, reinterpret_cast<HANDLE>(0x5678)) ==
          ERROR_INVALID_HANDLE);
    HANDLE heap = GetProcessHeap();
    CHECK(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, heap) == ERROR_INVALID_HANDLE);
    // None of them started a receive: a valid one still may.
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 0, event.handle) == PENDING);
    RAS_SECURITY_INFO info{};
    CHECK(RasSecurityDialogGetInfo(begin.port, nullptr) == ERROR_INVALID_PARAMETER);
    REQUIRE(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);
    CHECK(info.LastError == PENDING);
}

TEST_CASE("A buffer inside pRecvBuf is clamped to the space left in it") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    auto begin = dll.wait_begin();
    user.send(std::string(100, 'z'));
    ScopedEvent event;
    WORD length = 60000;  // far more than the 10 bytes left
    PBYTE near_end = begin.receive_buffer + begin.receive_size - 10;
    REQUIRE(RasSecurityDialogReceive(begin.port, near_end, &length, 5, event.handle) == PENDING);
    REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
    CHECK(length <= 10);
    CHECK(length >= 1);
}

TEST_CASE("GetInfo before any receive: SUCCESS, 0 bytes, the device name truncated and zero-filled") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect("COM1 - Hayes Optima 288");
    auto begin = dll.wait_begin();
    RAS_SECURITY_INFO info;
    std::memset(&info, 0xAB, sizeof info);
    REQUIRE(RasSecurityDialogGetInfo(begin.port, &info) == NO_ERROR);
    CHECK(info.LastError == SUCCESS);
    CHECK(info.BytesReceived == 0);
    CHECK(std::string(info.DeviceName) == "COM1 - Hayes Optima 288");
    for (std::size_t i = std::strlen(info.DeviceName); i < sizeof info.DeviceName; ++i) REQUIRE(info.DeviceName[i] == 0);

    auto long_user = host.connect(std::string(300, 'd'));
    auto long_begin = dll.wait_begin();
    REQUIRE(RasSecurityDialogGetInfo(long_begin.port, &info) == NO_ERROR);
    CHECK(std::string(info.DeviceName) == std::string(MAX_DEVICE_NAME, 'd'));
}

TEST_CASE("Input beyond the queue bound is dropped and counted") {
    FakeDll dll;
    rasshost::HostOptions options;
    options.input_queue_limit = 16;
    TestHost host(FakeDll::entry_points(), options);
    auto user = host.connect();
    auto begin = dll.wait_begin();
    user.send(std::string(100, 'q'));
    CHECK(receive_at_least(begin, 16) == std::string(16, 'q'));
    SECURITY_MESSAGE message = verdict(begin.port, SECURITYMSG_FAILURE);
    RasSecurityDialogComplete(&message);
    auto outcome = host.wait_outcome();
    CHECK(outcome.bytes_received == 100);
    CHECK(outcome.bytes_dropped == 84);
}

// A serial driver keeps what the caller typed before the host got round to
// Begin, and scripted clients answer at once on connect: such input waits in
// the same bounded queue for the DLL's first Receive. Begin calls are
// serialized, so a first dialog whose Begin blocks holds the second one's
// Begin back while its caller types.
TEST_CASE("Input typed before Begin is kept for the DLL's first Receive") {
    FakeDll dll;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> begins{0};
    dll.on_begin = [&](const BeginCall&) {
        if (begins++ == 0) released.wait();
        return DWORD{NO_ERROR};
    };
    TestHost host(FakeDll::entry_points());
    auto blocking_user = host.connect("blocking");
    REQUIRE(wait_until([&] { return begins.load() == 1; }));
    auto user = host.connect("typing-ahead");
    user.send("alice!CORP!#");
    std::this_thread::sleep_for(200ms);  // the host reads it meanwhile; Begin cannot run yet
    CHECK(begins.load() == 1);
    release.set_value();
    auto first = dll.wait_begin();
    auto second = dll.wait_begin();
    ScopedEvent event;
    CHECK(receive_once(second, event.handle, 255, 5) == "alice!CORP!#");
    SECURITY_MESSAGE message = verdict(second.port, SECURITYMSG_SUCCESS);
    RasSecurityDialogComplete(&message);
    message = verdict(first.port, SECURITYMSG_FAILURE);
    RasSecurityDialogComplete(&message);
    auto outcomes = std::vector{host.wait_outcome(), host.wait_outcome()};
    for (const auto& outcome : outcomes) CHECK(outcome.bytes_dropped == 0);
}
