// A thread made by CreateThread: waitable (signalled, for good, when the
// thread ends), holding its exit code and its CREATE_SUSPENDED gate.
#pragma once

#include "posix/win32/sync/wait_subsystem.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace rasshost::posix {

class ThreadObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::thread;

    ThreadObject(LPTHREAD_START_ROUTINE start, LPVOID parameter, DWORD id, bool suspended) noexcept
        : Waitable(kind, /*manual_reset=*/true, /*initially_signalled=*/false),
          start_(start), parameter_(parameter), id_(id), suspend_count_(suspended ? 1 : 0) {}

    DWORD id() const noexcept { return id_; }

    // The loaded object that holds the start routine (module_threads.hpp).
    const void* code_base = nullptr;
    DWORD exit_code() const noexcept { return exit_code_.load(std::memory_order_acquire); }

    // Runs the start routine (on the new thread) and returns its result.
    DWORD run() const { return start_(parameter_); }

    // Records the exit code, then signals waiters: a waiter that sees the
    // thread ended also sees its exit code.
    void finish(DWORD exit_code) noexcept {
        exit_code_.store(exit_code, std::memory_order_release);
        set();
    }

    // ResumeThread: the previous suspend count (1, then 0).
    DWORD resume() noexcept {
        DWORD previous;
        {
            std::lock_guard lock(gate_mutex_);
            previous = suspend_count_;
            if (suspend_count_ > 0) --suspend_count_;
        }
        if (previous == 1) gate_.notify_one();
        return previous;
    }

    // On the new thread, before run(): blocks while suspended.
    void wait_until_resumed() noexcept {
        std::unique_lock lock(gate_mutex_);
        gate_.wait(lock, [this] { return suspend_count_ == 0; });
    }

private:
    const LPTHREAD_START_ROUTINE start_;
    const LPVOID parameter_;
    const DWORD id_;
    std::atomic<DWORD> exit_code_{STILL_ACTIVE};
    // The gate is used once per thread at most, so a plain condition
    // variable is the simple and right tool here.
    std::mutex gate_mutex_;
    std::condition_variable gate_;
    DWORD suspend_count_;
};

}  // namespace rasshost::posix
