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
