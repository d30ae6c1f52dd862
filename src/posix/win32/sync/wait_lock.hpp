// The wait subsystem's one lock, plus a version that lets a reader check
// the signal states of several objects without taking the lock (a seqlock
// whose writers are the lock's holders).
//
// A holder calls begin_change() before it changes any object's state; the
// version is then odd until the lock is released, and ends one step higher.
// A reader records the version, reads the states (acquire loads, which the
// writers make with release stores), and trusts what it read only if the
// version is even and unchanged: then no change overlapped the reads and
// they are one consistent snapshot, as if taken under the lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

namespace rasshost::posix {

// One cache line: a holder touches the mutex and the version together.
class alignas(64) WaitLock {
public:
    void lock() noexcept { mutex_.lock(); }
    void unlock() noexcept {
        const std::uint64_t version = version_.load(std::memory_order_relaxed);
        if (version & 1) version_.store(version + 1, std::memory_order_release);
        mutex_.unlock();
    }

    // Holder only, before each change of a signal state (cheap after the first).
    void begin_change() noexcept {
        const std::uint64_t version = version_.load(std::memory_order_relaxed);
        if ((version & 1) == 0) version_.store(version + 1, std::memory_order_relaxed);
    }

    // Lock-free readers: read_begin(), then the states, then unchanged_since().
    std::uint64_t read_begin() const noexcept { return version_.load(std::memory_order_acquire); }
    bool unchanged_since(std::uint64_t begin) const noexcept {
        return (begin & 1) == 0 && version_.load(std::memory_order_acquire) == begin;
    }

private:
    std::mutex mutex_;
    std::atomic<std::uint64_t> version_{0};
};

// The one wait lock (never destroyed: threads may wait at exit).
WaitLock& wait_lock() noexcept;

}  // namespace rasshost::posix
