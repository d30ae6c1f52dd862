// The waiter-count probe, for the test suites only: how many threads are
// blocked on an event or a thread. With it a test knows that a waiter really
// waits before it sets, resets or pulses, instead of guessing with sleeps.
//
// It is not part of the library's API and the library exports nothing for
// it. Where the library can count (the POSIX emulation), it hands its
// counter, once, when it is loaded, to a program that defines
// rasshost_test_probe_connect (the library refers to that function weakly:
// in any other program the reference is null and nothing happens). The test
// programs define it (tests/support/test_probe.cpp) and call waiter_count.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::test_probe {

// waiter_count's answers besides a count.
inline constexpr DWORD not_waitable = 0xFFFFFFFFu;  // not an event or a thread handle
inline constexpr DWORD unknown = 0xFFFFFFFEu;       // the platform cannot count (Windows)

using WaiterCounter = DWORD (*)(HANDLE handle) noexcept;

// The number of threads blocked on `handle` now, or one of the answers
// above. On POSIX a test program whose library never connected its counter
// stops at once (every probe-based test would silently become a guess).
DWORD waiter_count(HANDLE handle) noexcept;

}  // namespace rasshost::test_probe

// Defined by a test program (never by the library): keeps the counter.
extern "C" void rasshost_test_probe_connect(rasshost::test_probe::WaiterCounter counter) noexcept;
