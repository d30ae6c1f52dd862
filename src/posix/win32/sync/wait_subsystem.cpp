// The wait subsystem's one lock, wait records and hand-off (see the header).
#include "posix/win32/sync/wait_subsystem.hpp"

#include "posix/win32/sync/parker.hpp"
#include "posix/win32/sync/wait_lock.hpp"
#include "posix/win32/sync/wait_now.hpp"

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
    std::uint32_t result = wait_timed_out;  // written by the signaller, under the lock
    WaitLink links[max_wait_objects];
};

namespace {

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

}  // namespace

WaitLock& wait_lock() noexcept {
    static WaitLock* instance = new WaitLock;  // never destroyed: threads may wait at exit
    return *instance;
}

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
    static void consume(Waitable& object) noexcept {
        if (!object.manual_reset_) store(object, false);
    }

    // Returns the satisfying index, or wait_timed_out, consuming on success.
    static std::uint32_t try_acquire(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept {
        if (wait_all) {
            for (std::uint32_t i = 0; i < count; ++i)
                if (!signalled(*objects[i])) return wait_timed_out;
            for (std::uint32_t i = 0; i < count; ++i) consume(*objects[i]);
            return 0;
        }
        for (std::uint32_t i = 0; i < count; ++i) {
            if (signalled(*objects[i])) {
                consume(*objects[i]);
                return i;
            }
        }
        return wait_timed_out;
    }

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
    }
    static void dequeue(WaitRecord& record) noexcept {
        for (std::uint32_t i = 0; i < record.count; ++i) dequeue(record.links[i]);
    }

    // Gives `record` its result and releases it. The record lives on the
    // waiter's stack: after mark_released() it may be gone, so that is the
    // last touch.
    static void satisfy(WaitRecord& record, std::uint32_t index, PendingWakeups& wakeups) noexcept {
        Parker* parker = record.parker;
        if (record.wait_all) {
            for (std::uint32_t i = 0; i < record.count; ++i) consume(*record.links[i].object);
        } else {
            consume(*record.links[index].object);
        }
        dequeue(record);
        record.result = index;
        parker->mark_released();
        wakeups.add(parker);
    }

    static bool all_signalled(const WaitRecord& record) noexcept {
        for (std::uint32_t i = 0; i < record.count; ++i)
            if (!signalled(*record.links[i].object)) return false;
        return true;
    }

    // `object` has just become signalled: release, in FIFO order, the
    // waiters it satisfies until an auto-reset signal is consumed.
    static void hand_off(Waitable& object, PendingWakeups& wakeups) noexcept {
        WaitLink* link = object.first_waiter_;
        while (link && signalled(object)) {
            WaitRecord& record = *link->record;
            WaitLink* next = link->next;  // skip record's other links here (a wait-any may name it twice)
            while (next && next->record == &record) next = next->next;
            if (!record.wait_all) {
                satisfy(record, link->index, wakeups);  // an enqueued wait-any had nothing signalled before
            } else if (all_signalled(record)) {
                satisfy(record, 0, wakeups);
            }
            link = next;
        }
    }

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

    static std::uint32_t try_locked(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept {
        std::lock_guard guard(lock());
        return try_acquire(objects, count, wait_all);
    }

    // Sleeps until satisfied or the deadline (not a poll).
    static std::uint32_t wait(Waitable* const* objects, std::uint32_t count, bool wait_all,
                              const Deadline& deadline) noexcept {
        WaitRecord record;
        record.parker = &Parker::for_this_thread();  // outside the lock
        {
            std::lock_guard guard(lock());
            const std::uint32_t now = try_acquire(objects, count, wait_all);
            if (now != wait_timed_out) return now;
            record.count = count;
            record.wait_all = wait_all;
            record.parker->arm();
            enqueue(record, objects);
        }
        if (record.parker->park(deadline)) return record.result;
        std::lock_guard guard(lock());
        // A signaller may have handed us a result at the deadline: keep it,
        // or the signal it consumed for us would be lost.
        if (record.result == wait_timed_out) dequeue(record);
        return record.result;
    }
};

Waitable::~Waitable() {
    // Waiters hold a reference (the handle table's shared_ptr or the Event),
    // so an object with waiters is never destroyed.
    assert(first_waiter_ == nullptr);
}

void Waitable::set() noexcept {
    // Fast path: setting a set object changes nothing (not even for a
    // waiting wait-all, whose condition depends on the other objects).
    if (is_signalled()) return;
    WaitSubsystem::set(*this, false);
}

void Waitable::reset() noexcept {
    if (!is_signalled()) return;
    WaitSubsystem::reset(*this);
}

void Waitable::pulse() noexcept { WaitSubsystem::set(*this, true); }

bool attach_handle_slot(Waitable& object, Slot& slot) noexcept { return WaitSubsystem::attach(object, slot); }
void detach_handle_slot(Waitable& object) noexcept { WaitSubsystem::detach(object); }

std::uint32_t wait_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                               const Deadline& deadline) noexcept {
    assert(count >= 1 && count <= max_wait_objects);
    const std::uint32_t now = try_wait_now(objects, count, wait_all);
    if (now != wait_timed_out || deadline.is_poll()) return now;
    return WaitSubsystem::wait(objects, count, wait_all, deadline);
}

std::uint32_t sleep_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                const Deadline& deadline) noexcept {
    assert(count >= 1 && count <= max_wait_objects && !deadline.is_poll());
    return WaitSubsystem::wait(objects, count, wait_all, deadline);
}

std::uint32_t try_wait_locked(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept {
    return WaitSubsystem::try_locked(objects, count, wait_all);
}

std::size_t waiter_count(const Waitable& object) noexcept { return WaitSubsystem::waiter_count(object); }

}  // namespace rasshost::posix
