// The timer thread and its schedule (timer_schedule.hpp).
#include "posix/win32/sync/timer_schedule.hpp"

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <system_error>
#include <thread>

#include <pthread.h>

namespace rasshost::posix {

struct TimerSchedule {
    std::mutex mutex;
    std::condition_variable changed;  // the earliest due time moved earlier
    TimerEntry::Map due;
    bool thread_started = false;

    // Created on first use and never destroyed: the timer thread and timers
    // destroyed during exit may still use it.
    static TimerSchedule& instance() noexcept {
        static TimerSchedule* schedule = new TimerSchedule;
        return *schedule;
    }

    // Under the lock.
    void insert(TimerEntry& entry, TimerClock::time_point at) noexcept {
        entry.node_.key() = at;
        entry.position_ = due.insert(std::move(entry.node_));
        entry.scheduled_ = true;
    }
    void remove(TimerEntry& entry) noexcept {
        if (!entry.scheduled_) return;
        entry.node_ = due.extract(entry.position_);
        entry.scheduled_ = false;
    }

    // Under the lock. All signals are blocked on the timer thread, so that
    // the host's signal handling never runs there.
    bool start_thread() noexcept {
        if (thread_started) return true;
        sigset_t all, previous;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &previous);
        try {
            std::thread([this] { run(); }).detach();
            thread_started = true;
        } catch (const std::system_error&) {
        }
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        return thread_started;
    }

    // The timer thread: sleeps until the earliest due time (or a change),
    // fires what is due. A periodic timer's next due time follows its
    // previous one, skipping the periods that passed while the thread was
    // late (the signal is a state: firing twice at once would add nothing).
    [[noreturn]] void run() noexcept {
        // A long sleep is cut into days so that no deadline overflows.
        constexpr auto longest_sleep = std::chrono::hours(24);
        std::unique_lock lock(mutex);
        for (;;) {
            const auto now = TimerClock::now();
            if (due.empty()) {
                changed.wait(lock);
                continue;
            }
            const auto first = due.begin();
            if (first->first > now) {
                changed.wait_until(lock, first->first - now > longest_sleep ? now + longest_sleep : first->first);
                continue;
            }
            TimerEntry& entry = *first->second;
            const TimerClock::time_point was_due = first->first;
            remove(entry);
            if (entry.period_.count() > 0) {
                const auto late = now - was_due;
                const auto periods_passed = late / entry.period_ + 1;
                insert(entry, was_due + periods_passed * entry.period_);
            }
            entry.target_.expire(now);
        }
    }
};

TimerEntry::TimerEntry(TimerTarget& target) : target_(target) {
    // A node is made by inserting into a map of its own and extracting it.
    Map maker;
    node_ = maker.extract(maker.emplace(TimerClock::time_point{}, this));
}

TimerEntry::~TimerEntry() { cancel(); }

bool TimerEntry::start(TimerClock::time_point due, std::chrono::milliseconds period, const void* settings) noexcept {
    auto& schedule = TimerSchedule::instance();
    bool earliest;
    {
        std::lock_guard lock(schedule.mutex);
        if (!schedule.start_thread()) return false;
        schedule.remove(*this);
        target_.restart(settings);
        period_ = period;
        schedule.insert(*this, due);
        earliest = schedule.due.begin() == position_;
    }
    if (earliest) schedule.changed.notify_one();
    return true;
}

void TimerEntry::cancel() noexcept {
    auto& schedule = TimerSchedule::instance();
    std::lock_guard lock(schedule.mutex);
    schedule.remove(*this);  // the thread may wake once for nothing: harmless
}

}  // namespace rasshost::posix
