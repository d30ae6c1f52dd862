// The wait subsystem's internals, shared by its two source files:
// wait_subsystem.cpp (the lock, wait records, hand-off, waits) and
// wait_ownership.cpp (mutex ownership and abandonment, semaphore counts,
// APC queues). Nothing outside the wait subsystem includes this.
#pragma once

#include "posix/win32/sync/parker.hpp"
#include "posix/win32/sync/wait_lock.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <cassert>
#include <mutex>

namespace rasshost::posix {

struct WaitRecord;

// One object's FIFO entry for one waiting thread.
struct WaitLink {
    WaitRecord* record;
    Waitable* object;
    WaitLink* prev;
    WaitLink* next;
    std::uint32_t index;  // position in the caller's array
};

// One per waiting thread, on its stack. Links are left uninitialised (no
// cost for the 64 a wait-any may need) and filled at registration.
struct WaitRecord {
    Parker* parker = nullptr;
    std::uint32_t count = 0;
    bool wait_all = false;
    DWORD thread = 0;           // the waiter's GetCurrentThreadId (who would own a mutex)
    Alerts* alerts = nullptr;   // the waiter's APC queue, if the wait is alertable
    std::uint32_t mutexes_gained = 0;  // mutexes the signaller took for the waiter (newly owned)
    std::uint32_t result = wait_timed_out;  // written by the signaller, under the lock
    WaitLink links[max_wait_objects];
};

// Parkers released under the lock, woken after it is dropped so that the
// woken threads do not run into a held lock (they never need it anyway).
class PendingWakeups {
public:
    PendingWakeups() = default;
    PendingWakeups(const PendingWakeups&) = delete;
    PendingWakeups& operator=(const PendingWakeups&) = delete;
    void add(Parker* parker) noexcept {
        if (count_ == max_wait_objects) {
            parker->wake();  // overflow (more than 64 waiters at once): wake now, still correct
            return;
        }
        parkers_[count_++] = parker;
    }
    void wake_all() noexcept {
        for (std::uint32_t i = 0; i < count_; ++i) parkers_[i]->wake();
        count_ = 0;
    }

private:
    Parker* parkers_[max_wait_objects];
    std::uint32_t count_ = 0;
};

// GetCurrentThreadId(), once the calling thread's end is set to abandon the
// mutexes it owns (wait_subsystem.cpp).
DWORD possible_owner() noexcept;

// Everything that needs the wait lock and the objects' private state.
struct WaitSubsystem {
    static WaitLock& lock() noexcept { return wait_lock(); }

    static bool signalled(const Waitable& object) noexcept {
        return object.signalled_.load(std::memory_order_relaxed) != 0;
    }
    // Under the lock. Release: a lock-free reader that sees the new state
    // also sees the version move (wait_lock.hpp).
    static void store(Waitable& object, bool state) noexcept {
        lock().begin_change();
        object.signalled_.store(state ? 1 : 0, std::memory_order_release);
        if (object.handle_signal_) object.handle_signal_->store(state ? 1 : 0, std::memory_order_release);
    }

    // The slot is not yet published (attach) or no longer reachable by a
    // new lookup (detach), so its copy needs no version change: a reader
    // still inside the old handle's lookup sees the state at close time and
    // any later change moves the version under it.
    static bool attach(Waitable& object, Slot& slot) noexcept {
        std::lock_guard guard(lock());
        if (object.handle_signal_) return false;  // another handle's slot holds the copy
        slot.signal.store(object.signalled_.load(std::memory_order_relaxed), std::memory_order_relaxed);
        object.handle_signal_ = &slot.signal;
        return true;
    }
    static void detach(Waitable& object) noexcept {
        std::lock_guard guard(lock());
        object.handle_signal_ = nullptr;
    }

    static MutexObject& as_mutex(Waitable& object) noexcept { return static_cast<MutexObject&>(object); }
    static const MutexObject& as_mutex(const Waitable& object) noexcept {
        return static_cast<const MutexObject&>(object);
    }
    static SemaphoreObject& as_semaphore(Waitable& object) noexcept { return static_cast<SemaphoreObject&>(object); }

    // Whether a wait by `thread` could take the object now.
    static bool available(const Waitable& object, DWORD thread) noexcept {
        if (object.discipline_ != Waitable::Discipline::owned) return signalled(object);
        const DWORD owner = as_mutex(object).owner_;
        return owner == 0 || owner == thread;
    }
    // Whether a hand-off may release a further waiter of the object.
    static bool may_release_more(const Waitable& object) noexcept {
        if (object.discipline_ != Waitable::Discipline::owned) return signalled(object);
        return as_mutex(object).owner_ == 0;
    }

    // Takes an available object for `thread`; true if it was an abandoned
    // mutex. A mutex newly owned adds one to `gained` (see
    // mutexes_owned_here).
    static bool take(Waitable& object, DWORD thread, std::uint32_t& gained) noexcept {
        switch (object.discipline_) {
        case Waitable::Discipline::manual:
            return false;
        case Waitable::Discipline::auto_reset:
            store(object, false);
            return false;
        case Waitable::Discipline::counted:
            if (--as_semaphore(object).count_ == 0) store(object, false);
            return false;
        case Waitable::Discipline::owned:
            return take_mutex(as_mutex(object), thread, gained);
        }
        return false;
    }

    static std::uint32_t try_acquire(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                     DWORD thread) noexcept;
    static void satisfy(WaitRecord& record, std::uint32_t result, PendingWakeups& wakeups) noexcept;
    static void hand_off(Waitable& object, PendingWakeups& wakeups) noexcept;
    static std::uint32_t wait(Waitable* const* objects, std::uint32_t count, bool wait_all, const Deadline& deadline,
                              Alerts* alerts) noexcept;

    // ---- waiter lists ----
    static void enqueue(WaitLink& link) noexcept {
        Waitable& object = *link.object;
        link.next = nullptr;
        link.prev = object.last_waiter_;
        (link.prev ? link.prev->next : object.first_waiter_) = &link;
        object.last_waiter_ = &link;
    }
    static void dequeue(WaitLink& link) noexcept {
        Waitable& object = *link.object;
        (link.prev ? link.prev->next : object.first_waiter_) = link.next;
        (link.next ? link.next->prev : object.last_waiter_) = link.prev;
    }
    static void enqueue(WaitRecord& record, Waitable* const* objects) noexcept {
        for (std::uint32_t i = 0; i < record.count; ++i) {
            WaitLink& link = record.links[i];
            link.record = &record;
            link.object = objects[i];
            link.index = i;
            enqueue(link);
        }
        if (record.alerts) record.alerts->alertable_wait_ = &record;
    }
    static void dequeue(WaitRecord& record) noexcept {
        for (std::uint32_t i = 0; i < record.count; ++i) dequeue(record.links[i]);
        if (record.alerts) record.alerts->alertable_wait_ = nullptr;
    }

    static bool all_available(const WaitRecord& record) noexcept {
        for (std::uint32_t i = 0; i < record.count; ++i)
            if (!available(*record.links[i].object, record.thread)) return false;
        return true;
    }

    // ---- mutexes (wait_mutex.cpp) ----
    static bool take_mutex(MutexObject& mutex, DWORD thread, std::uint32_t& gained) noexcept;
    static bool release_mutex(MutexObject& mutex, DWORD thread) noexcept;
    static void abandon_mutexes_of(DWORD thread) noexcept;
    static void unlist(MutexObject& mutex) noexcept;

    // ---- semaphores and APCs ----
    static bool release_semaphore(SemaphoreObject& semaphore, std::uint32_t count, std::uint32_t& previous) noexcept;
    static bool queue_apc(Alerts& alerts, Alerts::Apc* apc) noexcept;
    static Alerts::Apc* pop_apc(Alerts& alerts) noexcept;

    static void set(Waitable& object, bool pulse) noexcept {
        PendingWakeups wakeups;
        {
            std::lock_guard guard(lock());
            store(object, true);
            hand_off(object, wakeups);
            if (pulse) store(object, false);
        }
        wakeups.wake_all();
    }

    static std::size_t waiter_count(const Waitable& object) noexcept {
        std::lock_guard guard(lock());
        std::size_t count = 0;
        for (const WaitLink* link = object.first_waiter_; link; link = link->next)
            if (!link->prev || link->prev->record != link->record) ++count;  // a wait-any may name it twice
        return count;
    }

    static void reset(Waitable& object) noexcept {
        std::lock_guard guard(lock());
        store(object, false);
    }

    static std::uint32_t try_take_seen(Waitable& object, std::uint32_t index, std::uint64_t version) noexcept {
        const DWORD thread = possible_owner();
        std::lock_guard guard(lock());
        if (!lock().unchanged_since(version)) return wait_undecided;
        return take(object, thread, mutexes_owned_here) ? (index | wait_abandoned_flag) : index;
    }

    static std::uint32_t try_locked(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept {
        const DWORD thread = possible_owner();
        std::lock_guard guard(lock());
        return try_acquire(objects, count, wait_all, thread);
    }
};

}  // namespace rasshost::posix
