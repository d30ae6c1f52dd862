// WaitForMultipleObjects with a std::chrono timeout: nanoseconds rounded up
// to whole milliseconds, waits longer than one Win32 call allows (2^32-2 ms)
// done in pieces, and an early return (Windows may wake up to one clock
// tick early) waited out, so a timeout never ends before it is due.
#pragma once

#include <rasshost/win32.h>

#include <chrono>

namespace rasshost::win32 {

// Returns WaitForMultipleObjects's result: WAIT_OBJECT_0 + i, WAIT_TIMEOUT
// or WAIT_FAILED. nanoseconds::max() waits forever; <= 0 only tests.
DWORD wait_native(const HANDLE* handles, DWORD count, bool wait_all, std::chrono::nanoseconds timeout) noexcept;

}  // namespace rasshost::win32
