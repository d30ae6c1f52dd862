// The wait subsystem's one lock, wait records, hand-off and waits (see the
// header; mutexes, semaphores and APCs are in wait_ownership.cpp).
#include "posix/win32/sync/wait_subsystem_internal.hpp"

#include "posix/win32/sync/wait_now.hpp"

#include <pthread.h>

namespace rasshost::posix {

namespace {

// A thread that may come to own a mutex must abandon it as it ends, even
// if it was not made by CreateThread (whose end abandons them anyway): a
// pthread key, set on the thread's first wait that takes the lock, whose
// destructor does that. Not a thread_local with a destructor (see
// parker_pool.cpp).
void abandon_at_exit(void* thread) noexcept {
    abandon_mutexes_of(static_cast<DWORD>(reinterpret_cast<std::uintptr_t>(thread)));
}

struct OwnerKey {
    pthread_key_t key{};
    bool valid = pthread_key_create(&key, &abandon_at_exit) == 0;
};
const OwnerKey owner_key;

}  // namespace

DWORD possible_owner() noexcept {
    const DWORD thread = GetCurrentThreadId();
    if (owner_key.valid && !pthread_getspecific(owner_key.key))
        pthread_setspecific(owner_key.key, reinterpret_cast<void*>(static_cast<std::uintptr_t>(thread)));
    return thread;
}

DWORD mutex_owner_id() noexcept { return possible_owner(); }

thread_local std::uint32_t mutexes_owned_here = 0;

WaitLock& wait_lock() noexcept {
    static WaitLock* instance = new WaitLock;  // never destroyed: threads may wait at exit
    return *instance;
}

// Returns the satisfying index (or-ed with wait_abandoned_flag), or
// wait_timed_out; takes the objects on success.
std::uint32_t WaitSubsystem::try_acquire(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                         DWORD thread) noexcept {
    if (wait_all) {
        for (std::uint32_t i = 0; i < count; ++i)
            if (!available(*objects[i], thread)) return wait_timed_out;
        bool abandoned = false;
        for (std::uint32_t i = 0; i < count; ++i) abandoned |= take(*objects[i], thread, mutexes_owned_here);
        return abandoned ? wait_abandoned_flag : 0;
    }
    for (std::uint32_t i = 0; i < count; ++i) {
        if (available(*objects[i], thread))
            return take(*objects[i], thread, mutexes_owned_here) ? (i | wait_abandoned_flag) : i;
    }
    return wait_timed_out;
}

// Gives `record` its result (an index, or wait_io_completion), takes its
// objects for it, and releases it. The record lives on the waiter's stack:
// after mark_released() it may be gone, so that is the last touch.
void WaitSubsystem::satisfy(WaitRecord& record, std::uint32_t result, PendingWakeups& wakeups) noexcept {
    Parker* parker = record.parker;
    if (result == wait_io_completion) {
        // nothing is taken
    } else if (record.wait_all) {
        bool abandoned = false;
        for (std::uint32_t i = 0; i < record.count; ++i)
            abandoned |= take(*record.links[i].object, record.thread, record.mutexes_gained);
        if (abandoned) result |= wait_abandoned_flag;
    } else if (take(*record.links[result].object, record.thread, record.mutexes_gained)) {
        result |= wait_abandoned_flag;
    }
    dequeue(record);
    record.result = result;
    parker->mark_released();
    wakeups.add(parker);
}

// `object` may now satisfy waiters: release, in FIFO order, those it
// satisfies while it can satisfy more.
void WaitSubsystem::hand_off(Waitable& object, PendingWakeups& wakeups) noexcept {
    WaitLink* link = object.first_waiter_;
    while (link && may_release_more(object)) {
        WaitRecord& record = *link->record;
        WaitLink* next = link->next;  // skip record's other links here (a wait-any may name it twice)
        while (next && next->record == &record) next = next->next;
        if (!record.wait_all) {
            // An enqueued wait-any had nothing available before; a mutex is
            // available only to a waiter that may own it.
            if (available(object, record.thread)) satisfy(record, link->index, wakeups);
        } else if (all_available(record)) {
            satisfy(record, 0, wakeups);
        }
        link = next;
    }
}

// Sleeps until satisfied, alerted or the deadline (not a poll).
std::uint32_t WaitSubsystem::wait(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                  const Deadline& deadline, Alerts* alerts) noexcept {
    WaitRecord record;
    record.parker = &Parker::for_this_thread();  // outside the lock
    record.thread = possible_owner();
    {
        std::lock_guard guard(lock());
        const std::uint32_t now = try_acquire(objects, count, wait_all, record.thread);
        if (now != wait_timed_out) return now;
        if (alerts && alerts->head_) return wait_io_completion;
        if (deadline.is_poll()) return wait_timed_out;
        record.count = count;
        record.wait_all = wait_all;
        record.alerts = alerts;
        record.parker->arm();
        enqueue(record, objects);
    }
    if (!record.parker->park(deadline)) {
        std::lock_guard guard(lock());
        // A signaller may have handed us a result at the deadline: keep it,
        // or the signal it consumed for us would be lost.
        if (record.result == wait_timed_out) dequeue(record);
    }
    mutexes_owned_here += record.mutexes_gained;
    return record.result;
}

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
                               const Deadline& deadline, Alerts* alerts) noexcept {
    assert(count <= max_wait_objects);
    if (count != 0) {
        const std::uint32_t now = try_wait_now(objects, count, wait_all);
        if (now != wait_timed_out || (deadline.is_poll() && !alerts)) return now;
    }
    return WaitSubsystem::wait(objects, count, wait_all, deadline, alerts);
}

std::uint32_t sleep_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                const Deadline& deadline, Alerts* alerts) noexcept {
    assert(count <= max_wait_objects);
    return WaitSubsystem::wait(objects, count, wait_all, deadline, alerts);
}

std::uint32_t try_take_seen(Waitable* object, std::uint32_t index, std::uint64_t version) noexcept {
    return WaitSubsystem::try_take_seen(*object, index, version);
}

std::uint32_t try_wait_locked(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept {
    return WaitSubsystem::try_locked(objects, count, wait_all);
}

std::size_t waiter_count(const Waitable& object) noexcept { return WaitSubsystem::waiter_count(object); }

}  // namespace rasshost::posix
