// Waitable timers on POSIX: TimerObject (a Waitable the timer thread
// signals, timer_schedule.hpp) and CreateWaitableTimerA/W,
// OpenWaitableTimerA/W, SetWaitableTimer, CancelWaitableTimer. Waits need
// nothing of their own: a timer is waited on as an event is.
#include <rasshost/win32.h>

#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/sync/named_objects.hpp"
#include "posix/win32/sync/timer_schedule.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"
#include "posix/win32/threads/current_thread.hpp"

#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>

namespace rasshost::posix {
namespace {

using hundred_ns = std::chrono::duration<std::int64_t, std::ratio<1, 10000000>>;

// FILETIME counts 100 ns from 1601-01-01 UTC; the Unix epoch is this far on.
constexpr std::int64_t unix_epoch_as_filetime = 116444736000000000;

std::int64_t filetime_now() noexcept {
    const auto since_unix = std::chrono::duration_cast<hundred_ns>(std::chrono::system_clock::now().time_since_epoch());
    return since_unix.count() + unix_epoch_as_filetime;
}

// `now` plus `ahead` (>= 0), or the end of time if that is beyond it.
TimerClock::time_point later_by(TimerClock::time_point now, std::int64_t ahead) noexcept {
    const auto room = std::chrono::duration_cast<hundred_ns>(TimerClock::time_point::max() - now).count();
    if (ahead >= room) return TimerClock::time_point::max();
    return now + std::chrono::duration_cast<TimerClock::duration>(hundred_ns(ahead));
}

// A due time as SetWaitableTimer takes it: negative is relative (100 ns
// units), otherwise an absolute FILETIME, converted to the monotonic clock
// now (so a later change of the system time is not followed).
TimerClock::time_point to_due_time(std::int64_t due) noexcept {
    const auto now = TimerClock::now();
    if (due < 0) return later_by(now, due == std::numeric_limits<std::int64_t>::min() ? std::numeric_limits<std::int64_t>::max() : -due);
    const std::int64_t ahead = due - filetime_now();
    return ahead <= 0 ? now : later_by(now, ahead);
}

class TimerObject final : public Waitable, private TimerTarget {
public:
    static constexpr Kind kind = Kind::timer;

    // Throws std::bad_alloc (the timer's place in the schedule).
    explicit TimerObject(bool manual_reset) : Waitable(kind, manual_reset, false), entry_(*this) {}
    // Nothing can fire on a half-destroyed timer.
    ~TimerObject() override { entry_.cancel(); }

    // What a run of the timer calls when it fires.
    struct Completion {
        PTIMERAPCROUTINE routine;
        LPVOID argument;
        std::weak_ptr<ThreadObject> thread;  // the thread that set the timer (if there is a routine)
    };

    bool start(TimerClock::time_point due, std::chrono::milliseconds period, const Completion& completion) noexcept {
        return entry_.start(due, period, &completion);
    }
    void cancel() noexcept { entry_.cancel(); }

private:
    // Both under the schedule's lock.
    void restart(const void* settings) noexcept override {
        reset();
        completion_ = *static_cast<const Completion*>(settings);
    }
    void expire(TimerClock::time_point) noexcept override {
        set();
        if (completion_.routine == nullptr) return;
        // The completion routine is an APC to the thread that set the timer,
        // with the FILETIME (UTC) of the firing; it is dropped if that
        // thread has ended (Windows cancels such a timer) or its queue is full.
        const auto thread = completion_.thread.lock();
        if (!thread || thread->finished()) return;
        const auto fired_at = static_cast<std::uint64_t>(filetime_now());
        thread->alerts.queue_timer(completion_.routine, completion_.argument, static_cast<DWORD>(fired_at),
                                   static_cast<DWORD>(fired_at >> 32));
    }

    TimerEntry entry_;
    Completion completion_{};  // of the current run (the schedule's lock)
};

std::shared_ptr<KernelObject> make_timer(BOOL manual_reset) {
    return std::make_shared<TimerObject>(manual_reset != FALSE);
}

}  // namespace
}  // namespace rasshost::posix

using rasshost::posix::KernelObject;

// Security attributes are ignored: there is no access control between the
// threads of one process, and handles are not inherited by children.
extern "C" HANDLE WINAPI CreateWaitableTimerA(LPSECURITY_ATTRIBUTES, BOOL bManualReset, LPCSTR lpTimerName) {
    return rasshost::posix::create_named(lpTimerName, KernelObject::Kind::timer,
                                         [&] { return rasshost::posix::make_timer(bManualReset); });
}

extern "C" HANDLE WINAPI CreateWaitableTimerW(LPSECURITY_ATTRIBUTES, BOOL bManualReset, LPCWSTR lpTimerName) {
    return rasshost::posix::create_named(lpTimerName, KernelObject::Kind::timer,
                                         [&] { return rasshost::posix::make_timer(bManualReset); });
}

extern "C" HANDLE WINAPI OpenWaitableTimerA(DWORD, BOOL, LPCSTR lpTimerName) {
    return rasshost::posix::open_named(lpTimerName, KernelObject::Kind::timer);
}

extern "C" HANDLE WINAPI OpenWaitableTimerW(DWORD, BOOL, LPCWSTR lpTimerName) {
    return rasshost::posix::open_named(lpTimerName, KernelObject::Kind::timer);
}

extern "C" BOOL WINAPI SetWaitableTimer(HANDLE hTimer, const LARGE_INTEGER* lpDueTime, LONG lPeriod,
                                        PTIMERAPCROUTINE pfnCompletionRoutine, LPVOID lpArgToCompletionRoutine,
                                        BOOL /*fResume: nothing sleeps here that a timer could wake*/) {
    using rasshost::posix::TimerObject;
    // A reference for the call: setting may start the timer thread.
    const auto timer = rasshost::posix::lookup_handle_as<TimerObject>(hTimer);
    if (!timer) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!lpDueTime) {  // Windows' kernel reports the unreadable argument
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    if (lPeriod < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const auto due = rasshost::posix::to_due_time(lpDueTime->QuadPart);
    TimerObject::Completion completion{pfnCompletionRoutine, lpArgToCompletionRoutine, {}};
    if (pfnCompletionRoutine) {
        completion.thread = rasshost::posix::current_thread_object();
        if (completion.thread.expired()) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);  // no object for the thread that would run it
            return FALSE;
        }
    }
    if (!timer->start(due, std::chrono::milliseconds(lPeriod), completion)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);  // the timer thread could not be started
        return FALSE;
    }
    return TRUE;
}

extern "C" BOOL WINAPI CancelWaitableTimer(HANDLE hTimer) {
    using rasshost::posix::TimerObject;
    // A reference, not a reader section: cancelling may wait for the
    // schedule's lock.
    const auto timer = rasshost::posix::lookup_handle_as<TimerObject>(hTimer);
    if (!timer) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    timer->cancel();
    return TRUE;
}
