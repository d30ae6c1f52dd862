// Mutex ownership and abandonment, semaphore counts and APC queues: the
// parts of the wait subsystem that belong to one kind of object each.
#include "posix/win32/sync/wait_subsystem_internal.hpp"

#include <new>

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
