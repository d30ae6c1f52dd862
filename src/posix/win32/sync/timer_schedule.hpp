// The schedule of the waitable timers and the one thread that runs it.
//
// - ONE timer thread for the whole process, started by the first timer
//   that is set, and never ended (it sleeps while nothing is due): no
//   thread per timer and no polling.
// - Due times are points of the monotonic clock, so a change of the system
//   time neither delays nor advances a timer (an absolute due time is
//   converted once, by the caller, when the timer is set).
// - Each timer's place in the schedule is allocated when the timer is
//   created; setting, cancelling and firing never allocate, and memory is
//   bounded by the number of timers alive.
// - Firing, setting and cancelling hold the schedule's lock, so a timer
//   that was set again or cancelled can never fire for its previous due
//   time. Lock order: the schedule's lock, then the wait lock (a target's
//   expire() signals its object).
#pragma once

#include <chrono>
#include <map>

namespace rasshost::posix {

using TimerClock = std::chrono::steady_clock;

// What a scheduled timer does. Both run under the schedule's lock and must
// not call back into the schedule.
class TimerTarget {
public:
    // The due time came (`fired_at` is when the timer thread saw it).
    virtual void expire(TimerClock::time_point fired_at) noexcept = 0;
    // The timer is being set again: unsignal it before the new run, and
    // take `settings` (what the caller of TimerEntry::start passed).
    virtual void restart(const void* settings) noexcept = 0;

protected:
    ~TimerTarget() = default;
};

class TimerEntry {
public:
    // Allocates the entry's place in the schedule: throws std::bad_alloc.
    explicit TimerEntry(TimerTarget& target);
    // Cancels: once this returns the target is never called again.
    ~TimerEntry();
    TimerEntry(const TimerEntry&) = delete;
    TimerEntry& operator=(const TimerEntry&) = delete;

    // Cancels a pending run, calls target.restart(settings) and schedules
    // the timer for `due`, then every `period` if it is positive. False
    // (nothing changed) only when the timer thread could not be started.
    bool start(TimerClock::time_point due, std::chrono::milliseconds period, const void* settings) noexcept;
    // Cancels a pending run; the target's state is left as it is.
    void cancel() noexcept;

private:
    friend struct TimerSchedule;
    using Map = std::multimap<TimerClock::time_point, TimerEntry*>;

    TimerTarget& target_;
    // Exactly one of these holds the entry's map node: node_ while the timer
    // is not scheduled, position_ (in the schedule) while it is (the
    // schedule's lock).
    Map::node_type node_;
    Map::iterator position_;
    bool scheduled_ = false;
    std::chrono::milliseconds period_{0};
};

}  // namespace rasshost::posix
