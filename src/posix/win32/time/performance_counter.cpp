// QueryPerformanceCounter on CLOCK_MONOTONIC in 100 ns ticks: 10 MHz, the
// frequency Windows 10 and later report (docs/decisions.md#time).
#include <rasshost/win32.h>

#include <ctime>

#include "posix/win32/runtime/last_error.hpp"

extern "C" BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER* lpFrequency) {
    if (lpFrequency == nullptr) {
        rasshost::posix::set_last_error(ERROR_NOACCESS);
        return FALSE;
    }
    lpFrequency->QuadPart = 10'000'000;
    return TRUE;
}

extern "C" BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER* lpPerformanceCount) {
    if (lpPerformanceCount == nullptr) {
        rasshost::posix::set_last_error(ERROR_NOACCESS);
        return FALSE;
    }
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    lpPerformanceCount->QuadPart = static_cast<LONGLONG>(now.tv_sec) * 10'000'000 + now.tv_nsec / 100;
    return TRUE;
}
