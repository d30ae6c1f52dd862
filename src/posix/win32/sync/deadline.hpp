// When a wait gives up: never, at once (poll), or at a point of the
// monotonic clock. The wall clock is never used, so setting the system time
// neither shortens nor stretches a wait.
#pragma once

#include <rasshost/win32.h>

#include <chrono>

namespace rasshost::posix {

class Deadline {
public:
    using clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC in libstdc++ and libc++

    static Deadline poll() noexcept { return Deadline(Mode::poll, {}); }
    static Deadline never() noexcept { return Deadline(Mode::never, {}); }

    // A relative timeout: <= 0 polls; one too large to represent never ends.
    static Deadline after(std::chrono::nanoseconds timeout) noexcept {
        if (timeout <= timeout.zero()) return poll();
        const auto now = clock::now();
        if (timeout >= clock::time_point::max() - now) return never();
        return Deadline(Mode::at, now + timeout);
    }

    // Win32 milliseconds: INFINITE never ends, 0 polls. 64-bit arithmetic:
    // 0xFFFFFFFE ms (~49.7 days) is a finite timeout like any other.
    static Deadline after_milliseconds(DWORD milliseconds) noexcept {
        if (milliseconds == INFINITE) return never();
        return after(std::chrono::milliseconds(static_cast<std::int64_t>(milliseconds)));
    }

    bool is_poll() const noexcept { return mode_ == Mode::poll; }
    bool is_never() const noexcept { return mode_ == Mode::never; }
    clock::time_point at() const noexcept { return at_; }  // only for neither poll nor never

private:
    enum class Mode { poll, never, at };
    Deadline(Mode mode, clock::time_point at) noexcept : mode_(mode), at_(at) {}
    Mode mode_;
    clock::time_point at_;
};

}  // namespace rasshost::posix
