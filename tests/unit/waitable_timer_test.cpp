// Waitable timers: CreateWaitableTimerA/W, SetWaitableTimer (relative and
// absolute due times, periods), CancelWaitableTimer, notification against
// synchronization timers, timers in WaitForSingleObject and
// WaitForMultipleObjects, and bad handles. Timing is only checked loosely
// (a timer never fires early; generous patience for it to fire at all):
// how punctual timers are is the benchmark's business.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "support/platform_cases.hpp"
#include "wait_probe.hpp"

#include <chrono>
#include <cstdint>
#include <thread>

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;
using steady = std::chrono::steady_clock;

namespace {

// Due times in SetWaitableTimer's 100 ns units.
LARGE_INTEGER relative_ms(std::int64_t milliseconds) {
    LARGE_INTEGER due;
    due.QuadPart = -milliseconds * 10000;
    return due;
}

LARGE_INTEGER absolute_in_ms(std::int64_t milliseconds) {
    using hundred_ns = std::chrono::duration<std::int64_t, std::ratio<1, 10000000>>;
    const auto since_unix = std::chrono::duration_cast<hundred_ns>(std::chrono::system_clock::now().time_since_epoch());
    LARGE_INTEGER due;
    due.QuadPart = since_unix.count() + 116444736000000000 + milliseconds * 10000;  // FILETIME: from 1601
    return due;
}

// One timer handle, closed at the end of the case.
struct Timer {
    explicit Timer(BOOL manual_reset) : handle(CreateWaitableTimerA(nullptr, manual_reset, nullptr)) {
        REQUIRE(handle != nullptr);
    }
    ~Timer() { CloseHandle(handle); }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;
    BOOL set(LARGE_INTEGER due, LONG period = 0) const {
        return SetWaitableTimer(handle, &due, period, nullptr, nullptr, FALSE);
    }
    HANDLE handle;
};

long long elapsed_ms(steady::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - since).count();
}

}  // namespace

TEST_CASE("a new timer is unsignalled and does not run until it is set") {
    SetLastError(1234);
    HANDLE timer = CreateWaitableTimerA(nullptr, TRUE, nullptr);
    REQUIRE(timer != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(WaitForSingleObject(timer, 50) == WAIT_TIMEOUT);
    CHECK(CloseHandle(timer));
    HANDLE wide = CreateWaitableTimerW(nullptr, FALSE, nullptr);
    REQUIRE(wide != nullptr);
    CHECK(WaitForSingleObject(wide, 0) == WAIT_TIMEOUT);
    CHECK(CloseHandle(wide));
}

TEST_CASE("a relative due time fires a synchronization timer once, and one wait takes the signal") {
    Timer timer(FALSE);
    const auto start = steady::now();
    REQUIRE(timer.set(relative_ms(30)));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    CHECK(elapsed_ms(start) >= 20);  // never early (a little slack for coarse Windows clocks)
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_TIMEOUT);
    CHECK(WaitForSingleObject(timer.handle, 100) == WAIT_TIMEOUT);  // a single run
}

TEST_CASE("a notification timer stays signalled until it is set again") {
    Timer timer(TRUE);
    REQUIRE(timer.set(relative_ms(10)));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_OBJECT_0);
    REQUIRE(timer.set(relative_ms(60000)));  // setting unsignals at once
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_TIMEOUT);
}

TEST_CASE("a synchronization timer releases one of two waiters, a notification timer both") {
    for (BOOL manual : {FALSE, TRUE}) {
        CAPTURE(manual);
        Timer timer(manual);
        DWORD results[2] = {0, 0};
        std::thread a([&] { results[0] = WaitForSingleObject(timer.handle, 2000); });
        std::thread b([&] { results[1] = WaitForSingleObject(timer.handle, 2000); });
        REQUIRE(wait_for_waiters(timer.handle, 2));
        REQUIRE(timer.set(relative_ms(20)));
        a.join();
        b.join();
        const int released = (results[0] == WAIT_OBJECT_0) + (results[1] == WAIT_OBJECT_0);
        CHECK(released == (manual ? 2 : 1));
    }
}

TEST_CASE("an absolute due time fires at that time of the system clock, at once if it has passed") {
    Timer timer(FALSE);
    LARGE_INTEGER past;
    past.QuadPart = 1;  // 1601
    REQUIRE(timer.set(past));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    REQUIRE(timer.set(absolute_in_ms(-5000)));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    const auto start = steady::now();
    REQUIRE(timer.set(absolute_in_ms(60)));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    CHECK(elapsed_ms(start) >= 40);
}

TEST_CASE("a periodic timer fires every period until it is cancelled") {
    Timer timer(FALSE);
    REQUIRE(timer.set(relative_ms(10), 20));
    for (int run = 0; run < 4; ++run) CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    REQUIRE(CancelWaitableTimer(timer.handle));
    WaitForSingleObject(timer.handle, 0);  // a run that came before the cancel
    CHECK(WaitForSingleObject(timer.handle, 200) == WAIT_TIMEOUT);
}

TEST_CASE("CancelWaitableTimer stops a pending run and leaves the signal as it is") {
    Timer timer(TRUE);
    REQUIRE(timer.set(relative_ms(500)));
    SetLastError(1234);
    CHECK(CancelWaitableTimer(timer.handle));
    CHECK(GetLastError() == 1234u);
    CHECK(WaitForSingleObject(timer.handle, 1000) == WAIT_TIMEOUT);
    REQUIRE(timer.set(relative_ms(10)));
    REQUIRE(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    CHECK(CancelWaitableTimer(timer.handle));
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_OBJECT_0);  // still signalled
    CHECK(CancelWaitableTimer(timer.handle));                      // cancelling a stopped timer is fine
}

TEST_CASE("setting a pending timer again replaces its due time") {
    Timer timer(TRUE);
    REQUIRE(timer.set(relative_ms(20)));
    REQUIRE(timer.set(relative_ms(60000)));  // the first due time is gone
    CHECK(WaitForSingleObject(timer.handle, 300) == WAIT_TIMEOUT);
    REQUIRE(timer.set(relative_ms(20)));  // and this one replaces the minute
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    REQUIRE(timer.set(relative_ms(20), 0));
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_TIMEOUT);  // unsignalled by the set
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
}

TEST_CASE("timers take part in wait-any and wait-all with events") {
    Timer timer(FALSE);
    HANDLE manual_event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(manual_event != nullptr);
    HANDLE both[] = {manual_event, timer.handle};

    REQUIRE(timer.set(relative_ms(20)));
    CHECK(WaitForMultipleObjects(2, both, FALSE, patience_ms) == WAIT_OBJECT_0 + 1);

    REQUIRE(timer.set(relative_ms(20)));
    CHECK(WaitForMultipleObjects(2, both, TRUE, 300) == WAIT_TIMEOUT);  // the event is not set
    CHECK(SetEvent(manual_event));
    CHECK(WaitForMultipleObjects(2, both, TRUE, patience_ms) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(timer.handle, 0) == WAIT_TIMEOUT);        // the wait-all took the timer's signal
    CHECK(WaitForSingleObject(manual_event, 0) == WAIT_OBJECT_0);       // and left the manual event set
    CHECK(CloseHandle(manual_event));
}

TEST_CASE("fResume and a completion routine are accepted, and the timer still fires") {
    Timer timer(TRUE);
    LARGE_INTEGER due = relative_ms(10);
    CHECK(SetWaitableTimer(timer.handle, &due, 0, nullptr, nullptr, TRUE));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
    // The routine runs only as an APC in an alertable wait, which this
    // thread never enters.
    const PTIMERAPCROUTINE routine = [](LPVOID, DWORD, DWORD) WINAPI {};
    SetLastError(1234);
    CHECK(SetWaitableTimer(timer.handle, &due, 0, routine, nullptr, FALSE));
    CHECK(GetLastError() == 1234u);
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);
}

namespace {

struct Fired {
    int calls = 0;
    LPVOID argument = nullptr;
    std::uint64_t filetime = 0;
    DWORD thread = 0;
};

VOID CALLBACK record_firing(LPVOID argument, DWORD low, DWORD high) {
    auto* fired = static_cast<Fired*>(argument);
    ++fired->calls;
    fired->argument = argument;
    fired->filetime = (std::uint64_t{high} << 32) | low;
    fired->thread = GetCurrentThreadId();
}

}  // namespace

TEST_CASE("the completion routine runs as an APC on the setting thread, with its argument") {
    Timer timer(FALSE);
    Fired fired;
    LARGE_INTEGER due = relative_ms(10);
    REQUIRE(SetWaitableTimer(timer.handle, &due, 0, record_firing, &fired, FALSE));
    CHECK(WaitForSingleObject(timer.handle, patience_ms) == WAIT_OBJECT_0);  // not alertable: no routine yet
    CHECK(fired.calls == 0);
    CHECK(SleepEx(patience_ms, TRUE) == WAIT_IO_COMPLETION);
    CHECK(fired.calls == 1);
    CHECK(fired.argument == &fired);
    CHECK(fired.thread == GetCurrentThreadId());
}

TEST_CASE("the completion routine is given the UTC FILETIME at which the timer fired") {
    platform_cases::skip_under_wine(
        "Wine passes its own internal due time, not the UTC FILETIME Microsoft documents for "
        "dwTimerLowValue and dwTimerHighValue");
    Timer timer(FALSE);
    Fired fired;
    const LARGE_INTEGER before = absolute_in_ms(0);
    LARGE_INTEGER due = relative_ms(10);
    REQUIRE(SetWaitableTimer(timer.handle, &due, 0, record_firing, &fired, FALSE));
    CHECK(SleepEx(patience_ms, TRUE) == WAIT_IO_COMPLETION);
    REQUIRE(fired.calls == 1);
    CHECK(fired.filetime >= static_cast<std::uint64_t>(before.QuadPart));
    CHECK(fired.filetime <= static_cast<std::uint64_t>(absolute_in_ms(0).QuadPart));
}

TEST_CASE("timer calls on a handle that is not a timer fail with ERROR_INVALID_HANDLE") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    const LARGE_INTEGER due = relative_ms(10);
    for (HANDLE bad : {static_cast<HANDLE>(nullptr), event}) {
        SetLastError(NO_ERROR);
        CHECK(!SetWaitableTimer(bad, &due, 0, nullptr, nullptr, FALSE));
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        SetLastError(NO_ERROR);
        CHECK(!CancelWaitableTimer(bad));
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
    Timer timer(TRUE);
    SetLastError(NO_ERROR);
    CHECK(!SetEvent(timer.handle));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(CloseHandle(event));
}

TEST_CASE("a closed timer handle is refused by every call" * platform_cases::posix_emulation_only) {
    // Windows may reuse a closed handle's value at once; the emulation never does.
    HANDLE timer = CreateWaitableTimerA(nullptr, FALSE, nullptr);
    REQUIRE(timer != nullptr);
    REQUIRE(CloseHandle(timer));
    const LARGE_INTEGER due = relative_ms(10);
    SetLastError(NO_ERROR);
    CHECK(!SetWaitableTimer(timer, &due, 0, nullptr, nullptr, FALSE));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(!CancelWaitableTimer(timer));
    CHECK(WaitForSingleObject(timer, 0) == WAIT_FAILED);
}

TEST_CASE("closing a running timer's last handle stops it safely") {
    for (int round = 0; round < 20; ++round) {
        HANDLE timer = CreateWaitableTimerA(nullptr, FALSE, nullptr);
        REQUIRE(timer != nullptr);
        const LARGE_INTEGER due = relative_ms(1);
        REQUIRE(SetWaitableTimer(timer, &due, 1, nullptr, nullptr, FALSE));
        if (round % 2) std::this_thread::sleep_for(std::chrono::milliseconds(3));
        CHECK(CloseHandle(timer));
    }
}

TEST_CASE("a negative period fails with ERROR_INVALID_PARAMETER") {
    platform_cases::skip_under_wine("Wine accepts a negative period; Windows' NtSetTimer refuses it");
    Timer timer(FALSE);
    const LARGE_INTEGER due = relative_ms(10);
    SetLastError(NO_ERROR);
    CHECK(!SetWaitableTimer(timer.handle, &due, -1, nullptr, nullptr, FALSE));
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(WaitForSingleObject(timer.handle, 100) == WAIT_TIMEOUT);  // not set
}

TEST_CASE("a NULL due time fails with ERROR_NOACCESS instead of faulting" * platform_cases::posix_emulation_only) {
    // Windows' kernel reports the unreadable pointer; Wine faults.
    Timer timer(FALSE);
    SetLastError(NO_ERROR);
    CHECK(!SetWaitableTimer(timer.handle, nullptr, 0, nullptr, nullptr, FALSE));
    CHECK(GetLastError() == ERROR_NOACCESS);
}
