// IsBadReadPtr and IsBadWritePtr without faulting, and DebugBreak
// (docs/decisions.md#bad-pointers).
//
// The kernel checks a user pointer before it copies through it and answers
// EFAULT instead of faulting: writing one byte of each page into a pipe
// tells whether the page can be read, and reading that byte back from the
// pipe into the same place whether it can be written (the byte is rewritten
// with its own value, as Windows' probe rewrites it). A per-call pipe keeps
// concurrent callers' bytes apart.
#include <rasshost/win32.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace {

class Pipe {
public:
    Pipe() noexcept { ok_ = pipe2(fds_, O_CLOEXEC | O_NONBLOCK) == 0; }
    ~Pipe() {
        if (ok_) {
            close(fds_[0]);
            close(fds_[1]);
        }
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;

    bool ok() const noexcept { return ok_; }
    // Whether the byte at `at` could be read (and, if `write`, written back).
    bool probe(const volatile char* at, bool write) noexcept {
        ssize_t done = 0;
        do done = ::write(fds_[1], const_cast<const char*>(at), 1);
        while (done < 0 && errno == EINTR);
        if (done != 1) return false;  // EFAULT: not readable
        if (!write) {
            char sink = 0;
            return ::read(fds_[0], &sink, 1) == 1;
        }
        do done = ::read(fds_[0], const_cast<char*>(at), 1);
        while (done < 0 && errno == EINTR);
        if (done == 1) return true;
        char sink = 0;  // EFAULT: not writable; empty the pipe for the next probe
        if (::read(fds_[0], &sink, 1) < 0) ok_ = false;
        return false;
    }

private:
    int fds_[2] = {-1, -1};
    bool ok_ = false;
};

// Whether every page of [lp, lp + ucb) passes the probe.
BOOL is_bad(const void* lp, UINT_PTR ucb, bool write) noexcept {
    if (ucb == 0) return FALSE;  // even for NULL, as on Windows
    const auto start = reinterpret_cast<std::uintptr_t>(lp);
    if (lp == nullptr || start + (ucb - 1) < start) return TRUE;  // NULL, or wraps around
    Pipe pipe;
    if (!pipe.ok()) return TRUE;  // cannot tell: say bad, the safe answer
    const long page_size = sysconf(_SC_PAGESIZE);
    const std::uintptr_t page = page_size > 0 ? static_cast<std::uintptr_t>(page_size) : 4096;
    const std::uintptr_t last = start + (ucb - 1);
    // Protection is per page: the first byte, then the first byte of each
    // later page up to the one holding the last byte.
    for (std::uintptr_t at = start;; at = (at | (page - 1)) + 1) {
        if (!pipe.probe(reinterpret_cast<const volatile char*>(at), write)) return TRUE;
        if ((at | (page - 1)) >= last) return FALSE;
    }
}

}  // namespace

extern "C" BOOL WINAPI IsBadReadPtr(const void* lp, UINT_PTR ucb) { return is_bad(lp, ucb, false); }

extern "C" BOOL WINAPI IsBadWritePtr(LPVOID lp, UINT_PTR ucb) { return is_bad(lp, ucb, true); }

// SIGTRAP: a debugger stops here; without one the default action ends the
// process with a core dump (the host does not catch it: a DLL that asks for
// a debugger has hit a state its author did not expect).
extern "C" void WINAPI DebugBreak(void) { raise(SIGTRAP); }
