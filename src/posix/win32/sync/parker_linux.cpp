// The Linux parker: one futex word per thread. FUTEX_WAIT_BITSET takes an
// absolute deadline, and without FUTEX_CLOCK_REALTIME that deadline is on
// CLOCK_MONOTONIC, the clock of std::chrono::steady_clock: so a deadline is
// computed once and spurious wake-ups never stretch the total wait.
#include "posix/win32/sync/parker.hpp"

#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace rasshost::posix {
namespace {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "the futex word is the atomic's object representation");

std::uint32_t* futex_word(std::atomic<std::uint32_t>& word) noexcept {
    return reinterpret_cast<std::uint32_t*>(&word);
}

timespec to_timespec(Deadline::clock::time_point at) noexcept {
    const auto since_epoch = at.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(seconds.count());
    ts.tv_nsec = static_cast<long>(std::chrono::nanoseconds(since_epoch - seconds).count());
    return ts;
}

}  // namespace

void Parker::wake() noexcept {
    const int saved_errno = errno;
    syscall(SYS_futex, futex_word(word_), FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, nullptr, nullptr, 0);
    errno = saved_errno;
}

bool Parker::park(const Deadline& deadline) noexcept {
    const int saved_errno = errno;
    timespec at{};
    if (!deadline.is_never()) at = to_timespec(deadline.at());
    bool released = true;
    while (word_.load(std::memory_order_acquire) == 0) {
        const long rc = syscall(SYS_futex, futex_word(word_), FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0u,
                                deadline.is_never() ? nullptr : &at, nullptr, FUTEX_BITSET_MATCH_ANY);
        if (rc == -1 && errno == ETIMEDOUT) {
            released = word_.load(std::memory_order_acquire) != 0;
            break;
        }
        // EINTR, EAGAIN (word already changed) or a spurious wake: re-check.
    }
    errno = saved_errno;
    return released;
}

}  // namespace rasshost::posix
