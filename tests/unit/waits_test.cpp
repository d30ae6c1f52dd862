// WaitForSingleObject / WaitForMultipleObjects: wait-any and atomic
// wait-all, timeouts on the monotonic clock, zero-timeout polls, parameter
// and handle validation; plus Sleep and GetTickCount.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "event_array.hpp"
#include "wait_probe.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;
using steady = std::chrono::steady_clock;

namespace {

bool is_set(HANDLE event) {
    // Polling an auto-reset event consumes it: put the signal back.
    if (WaitForSingleObject(event, 0) != WAIT_OBJECT_0) return false;
    SetEvent(event);
    return true;
}

}  // namespace

TEST_CASE("wait-any returns WAIT_OBJECT_0 + the lowest signalled index and consumes only that event") {
    Events e(4, FALSE);
    SetEvent(e[3]);
    SetEvent(e[1]);
    CHECK(WaitForMultipleObjects(e.size(), e.data(), FALSE, 0) == WAIT_OBJECT_0 + 1);
    CHECK(!is_set(e[1]));
    CHECK(is_set(e[3]));
    CHECK(WaitForMultipleObjects(e.size(), e.data(), FALSE, 0) == WAIT_OBJECT_0 + 3);
    CHECK(WaitForMultipleObjects(e.size(), e.data(), FALSE, 0) == WAIT_TIMEOUT);
}

TEST_CASE("wait-any over 64 handles reports the one set while waiting") {
    Events e(64, FALSE);
    DWORD result = 0;
    std::thread waiter([&] { result = WaitForMultipleObjects(e.size(), e.data(), FALSE, patience_ms); });
    REQUIRE(wait_for_waiters(e[63], 1));
    SetEvent(e[63]);
    waiter.join();
    CHECK(result == WAIT_OBJECT_0 + 63);
    CHECK(!is_set(e[63]));
}

TEST_CASE("wait-any does not consume a manual-reset event") {
    Events e(2, TRUE);
    SetEvent(e[1]);
    CHECK(WaitForMultipleObjects(2, e.data(), FALSE, 0) == WAIT_OBJECT_0 + 1);
    CHECK(WaitForMultipleObjects(2, e.data(), FALSE, 0) == WAIT_OBJECT_0 + 1);
}

TEST_CASE("wait-any may name the same handle twice and reports the lowest index") {
    Events e(1, FALSE, TRUE);
    HANDLE twice[] = {e[0], e[0]};
    CHECK(WaitForMultipleObjects(2, twice, FALSE, 0) == WAIT_OBJECT_0);
    DWORD result = 0;
    std::thread waiter([&] { result = WaitForMultipleObjects(2, twice, FALSE, patience_ms); });
    REQUIRE(wait_for_waiters(e[0], 1));
    SetEvent(e[0]);
    waiter.join();
    CHECK(result == WAIT_OBJECT_0);
    CHECK(!is_set(e[0]));
}

TEST_CASE("wait-all succeeds only when every object is signalled and consumes all auto-reset ones") {
    Events autos(2, FALSE);
    Events manual(1, TRUE);
    HANDLE all[] = {autos[0], manual[0], autos[1]};
    SetEvent(autos[0]);
    SetEvent(manual[0]);
    CHECK(WaitForMultipleObjects(3, all, TRUE, 0) == WAIT_TIMEOUT);
    SetEvent(autos[1]);
    CHECK(WaitForMultipleObjects(3, all, TRUE, 0) == WAIT_OBJECT_0);
    CHECK(!is_set(autos[0]));
    CHECK(!is_set(autos[1]));
    CHECK(is_set(manual[0]));
}

TEST_CASE("wait-all is atomic: a blocked wait-all on {A, B} with only A set does not take A (unlike pevents)") {
    Events e(2, FALSE);
    HANDLE a = e[0], b = e[1];
    SetEvent(a);
    DWORD all_result = 0;
    std::thread wait_all([&] { all_result = WaitForMultipleObjects(2, e.data(), TRUE, patience_ms); });
    REQUIRE(wait_for_waiters(b, 1));
    CHECK(WaitForSingleObject(a, 0) == WAIT_OBJECT_0);  // another waiter gets A
    SetEvent(b);                                        // B alone cannot satisfy the wait-all now
    CHECK(wait_for_waiters(b, 1));
    CHECK(is_set(b));
    SetEvent(a);  // now both: the wait-all takes both at once
    wait_all.join();
    CHECK(all_result == WAIT_OBJECT_0);
    CHECK(!is_set(a));
    CHECK(!is_set(b));
}

TEST_CASE("wait-all is atomic: a wait-all that times out never consumes a signal") {
    Events e(4, FALSE);
    for (int round = 0; round < 100; ++round) {
        for (DWORD i = 0; i < 3; ++i) SetEvent(e[i]);  // all but the last
        CHECK(WaitForMultipleObjects(4, e.data(), TRUE, round % 2 ? 1 : 0) == WAIT_TIMEOUT);
        for (DWORD i = 0; i < 3; ++i) CHECK(WaitForSingleObject(e[i], 0) == WAIT_OBJECT_0);
    }
}

TEST_CASE("wait-all is atomic: a wait-all and a wait-any competing for an auto-reset event take each signal once") {
    Events e(2, FALSE);
    std::atomic<int> wins{0};
    for (int round = 0; round < 200; ++round) {
        std::thread all([&] { wins += WaitForMultipleObjects(2, e.data(), TRUE, patience_ms) == WAIT_OBJECT_0; });
        std::thread single([&] { wins += WaitForSingleObject(e[0], patience_ms) == WAIT_OBJECT_0; });
        REQUIRE(wait_for_waiters(e[1], 1));
        SetEvent(e[1]);
        SetEvent(e[0]);  // one winner only; the loser is released by the second set below
        SetEvent(e[0]);
        SetEvent(e[1]);
        all.join();
        single.join();
        // Signals: A twice (one each), B twice (one to the wait-all): B's second is left.
        CHECK(WaitForSingleObject(e[0], 0) == WAIT_TIMEOUT);
        CHECK(WaitForSingleObject(e[1], 0) == WAIT_OBJECT_0);
    }
    CHECK(wins.load() == 400);
}

TEST_CASE("wait-all with the same handle twice fails with ERROR_INVALID_PARAMETER" * platform_cases::posix_emulation_only) {
    Events e(2, FALSE, TRUE);
    HANDLE twice[] = {e[0], e[1], e[0]};
    SetLastError(NO_ERROR);
    CHECK(WaitForMultipleObjects(3, twice, TRUE, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(is_set(e[0]));  // nothing consumed
}

TEST_CASE("WaitForMultipleObjects with count 0, count 65 or a NULL array fails with ERROR_INVALID_PARAMETER" * platform_cases::posix_emulation_only) {
    Events e(65, FALSE, TRUE);
    struct Case { DWORD count; const HANDLE* handles; } cases[] = {{0, e.data()}, {65, e.data()}, {1, nullptr}, {0, nullptr}};
    for (auto c : cases) {
        for (BOOL all : {FALSE, TRUE}) {
            SetLastError(NO_ERROR);
            CHECK(WaitForMultipleObjects(c.count, c.handles, all, 0) == WAIT_FAILED);
            CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
        }
    }
    CHECK(WaitForMultipleObjects(64, e.data(), TRUE, 0) == WAIT_OBJECT_0);  // 64 is the maximum
}

// (INVALID_HANDLE_VALUE is GetCurrentProcess()'s pseudo-handle: waiting on
// it waits for the process, see thread_handles_test.cpp.)
TEST_CASE("waits on NULL, forged or closed handles fail with ERROR_INVALID_HANDLE" * platform_cases::posix_emulation_only) {
    HANDLE closed = CreateEvent(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(CloseHandle(closed));
    Events good(1, TRUE, TRUE);
    for (HANDLE bad : {HANDLE{}, reinterpret_cast<HANDLE>(0x1234), closed}) {
        SetLastError(NO_ERROR);
        CHECK(WaitForSingleObject(bad, 0) == WAIT_FAILED);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        SetLastError(NO_ERROR);
        CHECK(WaitForSingleObject(bad, INFINITE) == WAIT_FAILED);  // fails at once, does not block
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        HANDLE mixed[] = {good[0], bad};
        for (BOOL all : {FALSE, TRUE}) {
            SetLastError(NO_ERROR);
            CHECK(WaitForMultipleObjects(2, mixed, all, 0) == WAIT_FAILED);
            CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        }
    }
}

TEST_CASE("a 50 ms wait on an unsignalled event returns WAIT_TIMEOUT after at least 50 ms" * platform_cases::posix_emulation_only) {
    Events e(2, FALSE);
    auto start = steady::now();
    CHECK(WaitForSingleObject(e[0], 50) == WAIT_TIMEOUT);
    CHECK(steady::now() - start >= std::chrono::milliseconds(50));
    for (BOOL all : {FALSE, TRUE}) {
        start = steady::now();
        CHECK(WaitForMultipleObjects(2, e.data(), all, 50) == WAIT_TIMEOUT);
        CHECK(steady::now() - start >= std::chrono::milliseconds(50));
    }
    CHECK(rasshost::test_probe::waiter_count(e[0]) == 0);  // a timed-out wait leaves no trace
}

TEST_CASE("a zero timeout only tests the state: WAIT_TIMEOUT when unsignalled, WAIT_OBJECT_0 when signalled") {
    Events manual(1, TRUE), automatic(1, FALSE);
    for (int i = 0; i < 1000; ++i) {
        CHECK(WaitForSingleObject(manual[0], 0) == WAIT_TIMEOUT);
        CHECK(WaitForSingleObject(automatic[0], 0) == WAIT_TIMEOUT);
    }
    SetEvent(manual[0]);
    SetEvent(automatic[0]);
    CHECK(WaitForSingleObject(manual[0], 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(automatic[0], 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(automatic[0], 0) == WAIT_TIMEOUT);
}

TEST_CASE("an INFINITE wait returns when the event is set") {
    Events e(1, FALSE);
    DWORD result = 0;
    std::thread waiter([&] { result = WaitForSingleObject(e[0], INFINITE); });
    REQUIRE(wait_for_waiters(e[0], 1));
    SetEvent(e[0]);
    waiter.join();
    CHECK(result == WAIT_OBJECT_0);
}

TEST_CASE("CloseHandle of an event while another thread waits on it does not crash the waiter") {
    HANDLE closing = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    Events release(1, FALSE);
    HANDLE both[] = {closing, release[0]};
    DWORD result = 0;
    std::thread waiter([&] { result = WaitForMultipleObjects(2, both, FALSE, patience_ms); });
    REQUIRE(wait_for_waiters(closing, 1));
    CHECK(CloseHandle(closing));  // the waiter's reference keeps the object alive
    SetEvent(release[0]);
    waiter.join();
    CHECK(result == WAIT_OBJECT_0 + 1);
}

TEST_CASE("Sleep(0) yields and Sleep(20) sleeps at least 20 ms") {
    Sleep(0);
    const auto start = steady::now();
    Sleep(20);
    CHECK(steady::now() - start >= std::chrono::milliseconds(20));
}

TEST_CASE("GetTickCount and GetTickCount64 are monotonic milliseconds and agree modulo 2^32" * platform_cases::posix_emulation_only) {
    const ULONGLONG first64 = GetTickCount64();
    const DWORD first = GetTickCount();
    ULONGLONG previous = first64;
    for (int i = 0; i < 1000; ++i) {
        const ULONGLONG now = GetTickCount64();
        CHECK(now >= previous);
        previous = now;
    }
    Sleep(30);
    CHECK(GetTickCount64() - first64 >= 30);
    CHECK(static_cast<DWORD>(GetTickCount() - first) >= 29u);  // DWORD arithmetic survives the wrap
    CHECK(static_cast<DWORD>(GetTickCount64()) - GetTickCount() <= 1u);
}
