// Parker: how one waiting thread sleeps until the wait subsystem hands it a
// result. One parker per thread, reused for every wait of that thread.
//
// Why a parker instead of a condition variable: the signalling thread knows
// exactly which thread it released, so it wakes that thread alone (no
// thundering herd, no global notify_all). On Linux a parker is one futex
// word; elsewhere a mutex and a condition variable on the monotonic clock.
#pragma once

#include "posix/win32/sync/deadline.hpp"

#include <atomic>
#include <cstdint>

#if !RASSHOST_OS_LINUX
#include <condition_variable>
#include <mutex>
#endif

namespace rasshost::posix {

class Parker {
public:
    // The calling thread's parker. Parkers are pooled and never freed, so a
    // late wake() from a signaller after the waiter has returned (or even
    // exited) touches live memory and at worst wakes a waiter spuriously,
    // which park() tolerates.
    static Parker& for_this_thread() noexcept;

    // Owner, under the wait lock, before registering a wait.
    void arm() noexcept { word_.store(0, std::memory_order_relaxed); }

    // Signaller, under the wait lock: the result is in the wait record.
    void mark_released() noexcept { word_.store(1, std::memory_order_release); }

    // Signaller, preferably after dropping the wait lock: ends the sleep.
    void wake() noexcept;

    // Owner: sleeps until mark_released() (true) or the deadline (false).
    // Never returns early on a spurious wake-up.
    bool park(const Deadline& deadline) noexcept;

    Parker* next_free = nullptr;  // the pool's free list (pool lock only)

private:
    std::atomic<std::uint32_t> word_{0};  // 0: waiting, 1: released
#if !RASSHOST_OS_LINUX
    std::mutex mutex_;
    std::condition_variable cv_;
#endif
};

}  // namespace rasshost::posix
