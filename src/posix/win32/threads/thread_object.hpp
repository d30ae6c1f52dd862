// A thread's kernel object: waitable (signalled, for good, when the thread
// ends), holding its exit code, its CREATE_SUSPENDED gate and its APC
// queue. Threads made by CreateThread have one from the start; any other
// thread gets one when it first needs it (current_thread.hpp).
#pragma once

#include "posix/win32/sync/wait_subsystem.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace rasshost::posix {

// current_thread.cpp: takes an id off the list OpenThread searches.
void unlist_thread(DWORD id) noexcept;

class ThreadObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::thread;

    // A thread that was not made by CreateThread (it is running already).
    explicit ThreadObject(DWORD id) noexcept : ThreadObject(nullptr, nullptr, id, false) {}
    ThreadObject(LPTHREAD_START_ROUTINE start, LPVOID parameter, DWORD id, bool suspended) noexcept
        : Waitable(kind, /*manual_reset=*/true, /*initially_signalled=*/false),
          start_(start), parameter_(parameter), id_(id), suspend_count_(suspended ? 1 : 0) {}

    ~ThreadObject() override { unlist_thread(id_); }

    DWORD id() const noexcept { return id_; }

    // The loaded object that holds the start routine (module_threads.hpp).
    const void* code_base = nullptr;
    DWORD exit_code() const noexcept { return exit_code_.load(std::memory_order_acquire); }

    // Runs the start routine (on the new thread) and returns its result.
    DWORD run() const { return start_(parameter_); }

    // The thread's user APCs and alertable wait.
    Alerts alerts;

    // Once, as the thread ends: abandons the mutexes it owns, records the
    // exit code, then signals waiters: a waiter that sees the thread ended
    // also sees its exit code and the mutexes free.
    void finish(DWORD exit_code) noexcept {
        if (finished_.exchange(true, std::memory_order_acq_rel)) return;
        abandon_mutexes_of(id_);
        exit_code_.store(exit_code, std::memory_order_release);
        set();
    }
    bool finished() const noexcept { return finished_.load(std::memory_order_acquire); }

    // TerminateThread on an ended thread: only its recorded exit code changes.
    void replace_exit_code(DWORD exit_code) noexcept { exit_code_.store(exit_code, std::memory_order_release); }

    // SuspendThread before the thread started running: the previous count,
    // or (DWORD)-1 once it runs (it cannot be stopped safely then).
    DWORD suspend_before_start() noexcept {
        std::lock_guard lock(gate_mutex_);
        if (suspend_count_ == 0) return static_cast<DWORD>(-1);
        return suspend_count_++;
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
    std::atomic<bool> finished_{false};
    // The gate is used once per thread at most, so a plain condition
    // variable is the simple and right tool here.
    std::mutex gate_mutex_;
    std::condition_variable gate_;
    DWORD suspend_count_;
};

}  // namespace rasshost::posix
