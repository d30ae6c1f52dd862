// The wait subsystem's one lock, wait records and hand-off (see the header).
#include "posix/win32/sync/wait_subsystem.hpp"

#include "posix/win32/sync/parker.hpp"
#include "posix/win32/sync/wait_lock.hpp"
#include "posix/win32/sync/wait_now.hpp"

#include <cassert>
#include <mutex>
#include <new>

#include <pthread.h>

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

// Returns GetCurrentThreadId(), having armed the key.
DWORD possible_owner() noexcept {
    const DWORD thread = GetCurrentThreadId();
    if (owner_key.valid && !pthread_getspecific(owner_key.key))
        pthread_setspecific(owner_key.key, reinterpret_cast<void*>(static_cast<std::uintptr_t>(thread)));
    return thread;
}

}  // namespace

DWORD mutex_owner_id() noexcept { return possible_owner(); }

thread_local std::uint32_t mutexes_owned_here = 0;

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

// ---- mutexes, semaphores, APCs ----

namespace rasshost::posix {

namespace {
// Every owned mutex, so that a thread's end finds the ones it still owns
// (wait lock). Few mutexes are owned at once; a thread's end walks them.
MutexObject* owned_mutexes = nullptr;
}  // namespace

bool WaitSubsystem::take_mutex(MutexObject& mutex, DWORD thread, std::uint32_t& gained) noexcept {
    if (mutex.owner_ == thread) {
        ++mutex.recursion_;
        return false;
    }
    store(mutex, false);
    ++gained;
    mutex.owner_ = thread;
    mutex.recursion_ = 1;
    mutex.prev_owned_ = nullptr;
    mutex.next_owned_ = owned_mutexes;
    if (owned_mutexes) owned_mutexes->prev_owned_ = &mutex;
    owned_mutexes = &mutex;
    const bool abandoned = mutex.abandoned_;
    mutex.abandoned_ = false;
    return abandoned;
}

void WaitSubsystem::unlist(MutexObject& mutex) noexcept {
    (mutex.prev_owned_ ? mutex.prev_owned_->next_owned_ : owned_mutexes) = mutex.next_owned_;
    if (mutex.next_owned_) mutex.next_owned_->prev_owned_ = mutex.prev_owned_;
    mutex.prev_owned_ = mutex.next_owned_ = nullptr;
    mutex.owner_ = 0;
    mutex.recursion_ = 0;
    store(mutex, true);
}

bool WaitSubsystem::release_mutex(MutexObject& mutex, DWORD thread) noexcept {
    PendingWakeups wakeups;
    {
        std::lock_guard guard(lock());
        if (mutex.owner_ != thread || thread == 0) return false;
        if (--mutex.recursion_ != 0) return true;
        unlist(mutex);
        --mutexes_owned_here;  // the owner is the calling thread
        hand_off(mutex, wakeups);
    }
    wakeups.wake_all();
    return true;
}

void WaitSubsystem::abandon_mutexes_of(DWORD thread) noexcept {
    PendingWakeups wakeups;
    {
        std::lock_guard guard(lock());
        for (MutexObject* mutex = owned_mutexes; mutex;) {
            MutexObject* next = mutex->next_owned_;
            if (mutex->owner_ == thread) {
                unlist(*mutex);
                mutex->abandoned_ = true;
                hand_off(*mutex, wakeups);
            }
            mutex = next;
        }
    }
    wakeups.wake_all();
}

bool WaitSubsystem::release_semaphore(SemaphoreObject& semaphore, std::uint32_t count,
                                      std::uint32_t& previous) noexcept {
    PendingWakeups wakeups;
    {
        std::lock_guard guard(lock());
        previous = semaphore.count_;
        if (count > semaphore.maximum_ - semaphore.count_) return false;
        semaphore.count_ += count;
        if (previous == 0) {
            store(semaphore, true);
            hand_off(semaphore, wakeups);
        }
    }
    wakeups.wake_all();
    return true;
}

bool WaitSubsystem::queue_apc(Alerts& alerts, Alerts::Apc* apc) noexcept {
    PendingWakeups wakeups;
    {
        std::lock_guard guard(lock());
        if (alerts.count_ == Alerts::max_queued) return false;
        ++alerts.count_;
        apc->next = nullptr;
        (alerts.tail_ ? alerts.tail_->next : alerts.head_) = apc;
        alerts.tail_ = apc;
        if (WaitRecord* record = alerts.alertable_wait_) satisfy(*record, wait_io_completion, wakeups);
    }
    wakeups.wake_all();
    return true;
}

Alerts::Apc* WaitSubsystem::pop_apc(Alerts& alerts) noexcept {
    std::lock_guard guard(lock());
    Alerts::Apc* apc = alerts.head_;
    if (!apc) return nullptr;
    alerts.head_ = apc->next;
    if (!alerts.head_) alerts.tail_ = nullptr;
    --alerts.count_;
    return apc;
}

MutexObject::MutexObject(DWORD initial_owner) noexcept : Waitable(kind, Discipline::owned, true) {
    if (initial_owner == 0) return;
    assert(initial_owner == GetCurrentThreadId());
    std::lock_guard guard(WaitSubsystem::lock());
    WaitSubsystem::take_mutex(*this, initial_owner, mutexes_owned_here);
}

MutexObject::~MutexObject() {
    // An owned mutex is listed; its last reference may go while it is owned
    // (every handle closed), so unlist it.
    if (owner_ == 0) return;
    std::lock_guard guard(WaitSubsystem::lock());
    WaitSubsystem::unlist(*this);
}

bool MutexObject::release(DWORD thread) noexcept { return WaitSubsystem::release_mutex(*this, thread); }

bool SemaphoreObject::release(std::uint32_t count, std::uint32_t& previous) noexcept {
    return WaitSubsystem::release_semaphore(*this, count, previous);
}

void abandon_mutexes_of(DWORD thread) noexcept { WaitSubsystem::abandon_mutexes_of(thread); }

Alerts::~Alerts() {
    for (Apc* apc = head_; apc;) {
        Apc* next = apc->next;
        delete apc;
        apc = next;
    }
}

bool Alerts::queue(PAPCFUNC routine, ULONG_PTR data) noexcept {
    auto* apc = new (std::nothrow) Apc{routine, data, nullptr, nullptr, 0, 0, nullptr};
    if (!apc) return false;
    if (WaitSubsystem::queue_apc(*this, apc)) return true;
    delete apc;
    return false;
}

bool Alerts::queue_timer(PTIMERAPCROUTINE routine, LPVOID argument, DWORD low_time, DWORD high_time) noexcept {
    auto* apc = new (std::nothrow) Apc{nullptr, 0, routine, argument, low_time, high_time, nullptr};
    if (!apc) return false;
    if (WaitSubsystem::queue_apc(*this, apc)) return true;
    delete apc;
    return false;
}

bool Alerts::run_queued() noexcept {
    bool ran = false;
    while (Apc* apc = WaitSubsystem::pop_apc(*this)) {
        const Apc copy = *apc;
        delete apc;
        if (copy.routine) copy.routine(copy.data);
        else copy.timer_routine(copy.timer_argument, copy.low_time, copy.high_time);
        ran = true;
    }
    return ran;
}

}  // namespace rasshost::posix
