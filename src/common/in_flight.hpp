// A count of operations under way outside a lock, and a wait until none is.
//
// The dialog sets a delivered Receive's event after it let go of its mutex;
// Complete, End and a failed Begin wait here until every such SetEvent has
// returned, for after them the DLL may close the event.
//
// Not std::atomic::wait: libstdc++ 12 without a futex (the mingw-w64 build)
// checks the value and then waits on a condition variable that notify_all
// signals without taking its mutex, so a notification that falls between the
// two is lost and the waiter sleeps for ever (bits/atomic_wait.h,
// __waiter_pool::_M_do_wait). Here a waiter announces itself before it
// checks the count, under the mutex it sleeps on; the last leave() sees the
// announcement and notifies under that mutex. leave() with nobody waiting --
// the usual case -- takes no lock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace rasshost {

class InFlight {
public:
    /** One more operation under way. */
    void enter() noexcept { count_.fetch_add(1, std::memory_order_seq_cst); }

    /** The operation enter() counted is over: what it did happens before
     *  the return of any wait_idle() that sees the count reach 0. */
    void leave() {
        if (count_.fetch_sub(1, std::memory_order_seq_cst) != 1) return;
        if (waiters_.load(std::memory_order_seq_cst) == 0) return;  // after the fetch_sub: see wait_idle
        std::lock_guard lock(mutex_);
        idle_.notify_all();
    }

    /** Returns once no operation is under way. */
    void wait_idle() {
        if (count_.load(std::memory_order_acquire) == 0) return;
        std::unique_lock lock(mutex_);
        // Announced before the count is read again: either the last leave()
        // sees a waiter (and notifies under the mutex held from here to the
        // sleep), or its fetch_sub came first and the read below sees 0.
        waiters_.fetch_add(1, std::memory_order_seq_cst);
        idle_.wait(lock, [this] { return count_.load(std::memory_order_seq_cst) == 0; });
        waiters_.fetch_sub(1, std::memory_order_relaxed);
    }

    /** Operations under way now (a snapshot, for tests). */
    unsigned count() const noexcept { return count_.load(std::memory_order_acquire); }

private:
    std::atomic<unsigned> count_{0};
    std::atomic<unsigned> waiters_{0};
    std::mutex mutex_;
    std::condition_variable idle_;
};

}  // namespace rasshost
