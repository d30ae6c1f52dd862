// Win32 event semantics: creation, manual- and auto-reset, PulseEvent, and
// the exact failures for misuse.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;

namespace {

// Threads that each wait once on an event (with a generous timeout, so a
// bug fails the test instead of hanging it) and record what they got.
class Waiters {
public:
    Waiters(HANDLE event, int count) : results_(static_cast<std::size_t>(count)) {
        for (int i = 0; i < count; ++i)
            threads_.emplace_back([this, event, i] {
                results_[static_cast<std::size_t>(i)] = WaitForSingleObject(event, patience_ms);
                released_.fetch_add(1);
            });
    }
    ~Waiters() { join(); }
    void join() {
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }
    int released() const { return released_.load(); }
    bool wait_released(int count) const {
        for (int i = 0; i < 10000 && released_.load() < count; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return released_.load() >= count;
    }
    int count_of(DWORD result) const {
        int n = 0;
        for (DWORD r : results_) n += r == result;
        return n;
    }

private:
    std::vector<DWORD> results_;
    std::vector<std::thread> threads_;
    std::atomic<int> released_{0};
};

}  // namespace

TEST_CASE("CreateEvent accepts a NULL or empty name (an unnamed event) and a name (named_objects_test.cpp has the rules)") {
    for (HANDLE e : {CreateEventA(nullptr, FALSE, FALSE, nullptr), CreateEventA(nullptr, TRUE, FALSE, ""),
                     CreateEventW(nullptr, FALSE, TRUE, nullptr), CreateEventW(nullptr, TRUE, TRUE, L""),
                     CreateEventA(nullptr, FALSE, FALSE, "Global\\rasshost-events-test"),
                     CreateEventW(nullptr, TRUE, FALSE, L"rasshost-events-test")}) {
        CHECK(e != nullptr);
        CHECK(CloseHandle(e));
    }
}

TEST_CASE("CreateEvent ignores security attributes and clears the last error on success") {
    SECURITY_ATTRIBUTES sa{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    SetLastError(1234);
    HANDLE e = CreateEvent(&sa, FALSE, FALSE, nullptr);
    REQUIRE(e != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CloseHandle(e);
}

TEST_CASE("bInitialState TRUE creates a signalled event, FALSE an unsignalled one") {
    HANDLE set = CreateEvent(nullptr, TRUE, TRUE, nullptr);
    HANDLE unset = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    CHECK(WaitForSingleObject(set, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(unset, 0) == WAIT_TIMEOUT);
    CloseHandle(set);
    CloseHandle(unset);
}

TEST_CASE("manual-reset: waits do not consume and SetEvent stays set until ResetEvent") {
    HANDLE e = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    CHECK(SetEvent(e));
    CHECK(SetEvent(e));  // redundant set: still TRUE
    for (int i = 0; i < 3; ++i) CHECK(WaitForSingleObject(e, 0) == WAIT_OBJECT_0);
    CHECK(ResetEvent(e));
    CHECK(ResetEvent(e));
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
    CloseHandle(e);
}

TEST_CASE("manual-reset: SetEvent releases every waiter") {
    HANDLE e = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    {
        Waiters waiters(e, 8);
        REQUIRE(wait_for_waiters(e, 8));
        CHECK(SetEvent(e));
        waiters.join();
        CHECK(waiters.count_of(WAIT_OBJECT_0) == 8);
    }
    CHECK(WaitForSingleObject(e, 0) == WAIT_OBJECT_0);
    CloseHandle(e);
}

TEST_CASE("auto-reset: a set with no waiter stays set until exactly one wait consumes it") {
    HANDLE e = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    CHECK(SetEvent(e));
    CHECK(SetEvent(e));  // sets do not accumulate
    CHECK(WaitForSingleObject(e, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
    CHECK(SetEvent(e));
    CHECK(ResetEvent(e));
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
    CloseHandle(e);
}

TEST_CASE("auto-reset: with N waiters each SetEvent releases exactly one, and quick sets are not merged") {
    HANDLE e = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    Waiters waiters(e, 8);
    REQUIRE(wait_for_waiters(e, 8));
    for (int i = 0; i < 5; ++i) CHECK(SetEvent(e));  // back to back: each hands off to one waiter
    REQUIRE(waiters.wait_released(5));
    CHECK(wait_for_waiters(e, 3));  // exactly 5 left, 3 still blocked
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);  // every set was consumed by a waiter
    for (int i = 0; i < 3; ++i) CHECK(SetEvent(e));
    waiters.join();
    CHECK(waiters.count_of(WAIT_OBJECT_0) == 8);
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
    CloseHandle(e);
}

TEST_CASE("auto-reset: SetEvent then an immediate ResetEvent still releases the waiter already waiting") {
    for (BOOL manual : {FALSE, TRUE}) {
        HANDLE e = CreateEvent(nullptr, manual, FALSE, nullptr);
        Waiters waiters(e, manual ? 3 : 1);
        REQUIRE(wait_for_waiters(e, manual ? 3 : 1));
        CHECK(SetEvent(e));
        CHECK(ResetEvent(e));
        waiters.join();
        CHECK(waiters.count_of(WAIT_OBJECT_0) == (manual ? 3 : 1));
        CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
        CloseHandle(e);
    }
}

TEST_CASE("PulseEvent on a manual-reset event releases all current waiters and leaves it unsignalled") {
    HANDLE e = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    Waiters waiters(e, 4);
    REQUIRE(wait_for_waiters(e, 4));
    CHECK(PulseEvent(e));
    waiters.join();
    CHECK(waiters.count_of(WAIT_OBJECT_0) == 4);
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
    CloseHandle(e);
}

TEST_CASE("PulseEvent on an auto-reset event releases one current waiter and leaves it unsignalled") {
    HANDLE e = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    Waiters waiters(e, 3);
    REQUIRE(wait_for_waiters(e, 3));
    CHECK(PulseEvent(e));
    REQUIRE(waiters.wait_released(1));
    CHECK(wait_for_waiters(e, 2));
    CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
    CHECK(SetEvent(e));
    CHECK(SetEvent(e) == TRUE);
    REQUIRE(waiters.wait_released(2));
    CHECK(SetEvent(e));
    waiters.join();
    CHECK(waiters.count_of(WAIT_OBJECT_0) == 3);
    CloseHandle(e);
}

TEST_CASE("PulseEvent with no waiters leaves the event unsignalled, even if it was set") {
    for (BOOL manual : {FALSE, TRUE}) {
        HANDLE e = CreateEvent(nullptr, manual, TRUE, nullptr);
        CHECK(PulseEvent(e));
        CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
        CHECK(PulseEvent(e));
        CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);
        CloseHandle(e);
    }
}

TEST_CASE("SetEvent, ResetEvent and PulseEvent fail with ERROR_INVALID_HANDLE on NULL, INVALID_HANDLE_VALUE, forged and closed handles") {
    HANDLE closed = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    REQUIRE(CloseHandle(closed));
    for (HANDLE bad : {HANDLE{}, INVALID_HANDLE_VALUE, reinterpret_cast<HANDLE>(0x1234), closed}) {
        for (auto call : {&SetEvent, &ResetEvent, &PulseEvent}) {
            SetLastError(NO_ERROR);
            CHECK(call(bad) == FALSE);
            CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        }
    }
}

namespace {
DWORD WINAPI wait_on_parameter(LPVOID event) { return WaitForSingleObject(static_cast<HANDLE>(event), patience_ms); }
}  // namespace

TEST_CASE("SetEvent, ResetEvent and PulseEvent fail with ERROR_INVALID_HANDLE on a thread handle (wrong kind)") {
    HANDLE go = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, wait_on_parameter, go, 0, nullptr);
    REQUIRE(thread != nullptr);
    for (auto call : {&SetEvent, &ResetEvent, &PulseEvent}) {
        SetLastError(NO_ERROR);
        CHECK(call(thread) == FALSE);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
    SetEvent(go);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CloseHandle(thread);
    CloseHandle(go);
}

TEST_CASE("CloseHandle of an event succeeds once and the second close fails with ERROR_INVALID_HANDLE") {
    HANDLE e = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    CHECK(CloseHandle(e));
    SetLastError(NO_ERROR);
    CHECK(CloseHandle(e) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("auto-reset as a lock: 16 threads x 1000 take/give rounds lose no wake-up and never overlap") {
    HANDLE token = CreateEvent(nullptr, FALSE, TRUE, nullptr);
    long counter = 0;  // guarded by the token (no atomic: the sanitizers check the hand-off)
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) {
                if (WaitForSingleObject(token, patience_ms) != WAIT_OBJECT_0) {
                    failures.fetch_add(1);
                    return;
                }
                ++counter;
                SetEvent(token);
            }
        });
    for (auto& t : threads) t.join();
    CHECK(failures.load() == 0);
    CHECK(counter == 16000);
    CloseHandle(token);
}

TEST_CASE("auto-reset ping-pong: 8 pairs (16 threads) x 1000 round trips lose no wake-up") {
    constexpr int pairs = 8, rounds = 1000;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    std::vector<HANDLE> events;
    for (int p = 0; p < pairs; ++p) {
        HANDLE ping = CreateEvent(nullptr, FALSE, FALSE, nullptr);
        HANDLE pong = CreateEvent(nullptr, FALSE, FALSE, nullptr);
        events.insert(events.end(), {ping, pong});
        threads.emplace_back([&, ping, pong] {
            for (int i = 0; i < rounds; ++i) {
                SetEvent(ping);
                if (WaitForSingleObject(pong, patience_ms) != WAIT_OBJECT_0) return void(failures.fetch_add(1));
            }
        });
        threads.emplace_back([&, ping, pong] {
            for (int i = 0; i < rounds; ++i) {
                if (WaitForSingleObject(ping, patience_ms) != WAIT_OBJECT_0) return void(failures.fetch_add(1));
                SetEvent(pong);
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(failures.load() == 0);
    for (HANDLE e : events) {
        CHECK(WaitForSingleObject(e, 0) == WAIT_TIMEOUT);  // every set was consumed exactly once
        CloseHandle(e);
    }
}
