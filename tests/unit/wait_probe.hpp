// Test support for the wait suites: learn that threads are really blocked
// on an object (via the waiter-count probe, common/test_probe.hpp) instead
// of guessing with sleeps, and join threads whose waits use generous finite
// timeouts.
#pragma once

#include <rasshost/win32.h>

#include "common/test_probe.hpp"

#include <chrono>
#include <thread>

namespace wait_probe {

// Generous: things that must happen get this long on a loaded machine.
inline constexpr DWORD patience_ms = 10000;

// Where waiters cannot be counted, the time given to threads to block.
inline constexpr auto grace_period = std::chrono::milliseconds(50);

// True once exactly `count` threads wait on `handle` (polled, for at most
// patience_ms); false if that never happens. Where the count is unknown
// (Windows), true after a grace period (the test then relies on timing, as any
// Win32 test must).
inline bool wait_for_waiters(HANDLE handle, DWORD count) {
    using rasshost::test_probe::waiter_count;
    if (waiter_count(handle) == rasshost::test_probe::unknown) {
        std::this_thread::sleep_for(grace_period);
        return true;
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(patience_ms);
    while (waiter_count(handle) != count) {
        if (std::chrono::steady_clock::now() > give_up) return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

}  // namespace wait_probe
