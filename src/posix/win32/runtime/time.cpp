// Sleep, GetTickCount, GetTickCount64 on CLOCK_MONOTONIC: never the wall
// clock, so changing the system time moves neither ticks nor sleeps.
#include <rasshost/win32.h>

#include <cerrno>
#include <ctime>
#include <sched.h>
#include <unistd.h>

namespace {

timespec monotonic_now() noexcept {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now;
}

}  // namespace

extern "C" void WINAPI Sleep(DWORD dwMilliseconds) {
    if (dwMilliseconds == 0) {
        sched_yield();  // Win32: give up the rest of the time slice
        return;
    }
    if (dwMilliseconds == INFINITE) {
        for (;;) pause();  // only a signal handler that never returns ends this
    }
    // An absolute deadline: a signal interrupting the sleep does not make
    // the total longer or shorter.
    timespec deadline = monotonic_now();
    const long long total_ns = static_cast<long long>(deadline.tv_nsec) + (dwMilliseconds % 1000) * 1000000LL;
    deadline.tv_sec += static_cast<time_t>(dwMilliseconds / 1000 + total_ns / 1000000000LL);
    deadline.tv_nsec = static_cast<long>(total_ns % 1000000000LL);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) {
    }
}

extern "C" ULONGLONG WINAPI GetTickCount64(void) {
    const timespec now = monotonic_now();
    return static_cast<ULONGLONG>(now.tv_sec) * 1000u + static_cast<ULONGLONG>(now.tv_nsec) / 1000000u;
}

extern "C" DWORD WINAPI GetTickCount(void) {
    return static_cast<DWORD>(GetTickCount64());  // wraps at 2^32 ms, as on Windows
}
