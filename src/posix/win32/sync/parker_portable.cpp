// The parker for POSIX systems without futexes: a mutex and a condition
// variable per thread (never shared), waiting on steady_clock.
#include "posix/win32/sync/parker.hpp"

namespace rasshost::posix {

void Parker::wake() noexcept {
    // Taking the mutex orders this notify after the owner's predicate check.
    { std::lock_guard lock(mutex_); }
    cv_.notify_one();
}

bool Parker::park(const Deadline& deadline) noexcept {
    std::unique_lock lock(mutex_);
    auto released = [this] { return word_.load(std::memory_order_acquire) != 0; };
    if (deadline.is_never()) {
        cv_.wait(lock, released);
        return true;
    }
    return cv_.wait_until(lock, deadline.at(), released);
}

}  // namespace rasshost::posix
