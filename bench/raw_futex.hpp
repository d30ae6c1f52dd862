// A raw futex event: the baseline every rasshost event figure is compared
// with. Auto-reset (or manual) flag plus a waiter count, so a set wakes
// the kernel only when someone sleeps.
#pragma once

#include <atomic>
#include <climits>
#include <cstdint>

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace bench {

inline std::uint32_t* word_of(std::atomic<std::uint32_t>& a) { return reinterpret_cast<std::uint32_t*>(&a); }
inline void futex_wait(std::atomic<std::uint32_t>& a, std::uint32_t expected) {
    syscall(SYS_futex, word_of(a), FUTEX_WAIT | FUTEX_PRIVATE_FLAG, expected, nullptr, nullptr, 0);
}
inline void futex_wake(std::atomic<std::uint32_t>& a, int n) {
    syscall(SYS_futex, word_of(a), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n, nullptr, nullptr, 0);
}

struct FutexEvent {
    static constexpr const char* name = "raw futex";
    std::atomic<std::uint32_t> signalled{0};
    std::atomic<std::uint32_t> waiters{0};
    explicit FutexEvent(bool manual = false, bool initially = false) : manual_(manual) { signalled = initially; }
    void set() {
        signalled.store(1);
        if (waiters.load() != 0) futex_wake(signalled, manual_ ? INT_MAX : 1);
    }
    bool poll() { return manual_ ? signalled.load() != 0 : signalled.load(std::memory_order_relaxed) != 0 && signalled.exchange(0) == 1; }
    void wait() {
        if (poll()) return;
        waiters.fetch_add(1);
        while (!poll()) futex_wait(signalled, 0);
        waiters.fetch_sub(1);
    }
    bool manual_;
};

}  // namespace bench

namespace bench {

// A raw futex mutex (three states: free, held, held with sleepers): the
// baseline of the critical-section figures.
struct FutexMutex {
    std::atomic<std::uint32_t> word{0};
    void lock() {
        std::uint32_t c = 0;
        if (word.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
        if (c != 2) c = word.exchange(2, std::memory_order_acquire);
        while (c != 0) {
            futex_wait(word, 2);
            c = word.exchange(2, std::memory_order_acquire);
        }
    }
    void unlock() {
        if (word.exchange(0, std::memory_order_release) == 2) futex_wake(word, 1);
    }
};

}  // namespace bench
