// word_wait on Linux: FUTEX_WAIT / FUTEX_WAKE, private to the process.
#include "posix/win32/sync/word_wait.hpp"

#include <cerrno>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace rasshost::posix::word_wait {

void wait(std::uint32_t* word, std::uint32_t expected) noexcept {
    const int saved_errno = errno;  // a legacy caller may be between a call and its errno check
    syscall(SYS_futex, word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, expected, nullptr, nullptr, 0);
    errno = saved_errno;
}

void wake_one(std::uint32_t* word) noexcept {
    const int saved_errno = errno;
    syscall(SYS_futex, word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, nullptr, nullptr, 0);
    errno = saved_errno;
}

}  // namespace rasshost::posix::word_wait
