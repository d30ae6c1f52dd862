// SleepEx and SignalObjectAndWait: the waits built on the others.
#include <rasshost/win32.h>

#include "posix/win32/sync/wait_calls.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"
#include "posix/win32/threads/current_thread.hpp"

namespace {

using rasshost::posix::HandleReader;
using rasshost::posix::KernelObject;
using rasshost::posix::MutexObject;
using rasshost::posix::SemaphoreObject;
using rasshost::posix::Waitable;

// Signals an event, releases a mutex or releases a semaphore by one, as
// SignalObjectAndWait's first half. ERROR_SUCCESS or the error.
DWORD signal_object(HANDLE handle) noexcept {
    const HandleReader reader;  // none of these sleeps
    const auto* slot = reader.find(handle);
    if (!slot) return ERROR_INVALID_HANDLE;
    switch (slot->owner->kind()) {
    case KernelObject::Kind::event:
        static_cast<Waitable&>(*slot->owner).set();
        return ERROR_SUCCESS;
    case KernelObject::Kind::mutex:
        return static_cast<MutexObject&>(*slot->owner).release(GetCurrentThreadId()) ? ERROR_SUCCESS : ERROR_NOT_OWNER;
    case KernelObject::Kind::semaphore: {
        std::uint32_t previous = 0;
        return static_cast<SemaphoreObject&>(*slot->owner).release(1, previous) ? ERROR_SUCCESS : ERROR_TOO_MANY_POSTS;
    }
    default:
        return ERROR_INVALID_HANDLE;
    }
}

}  // namespace

extern "C" DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable) {
    if (!bAlertable) {
        Sleep(dwMilliseconds);
        return 0;
    }
    const auto self = rasshost::posix::current_thread_object();
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(dwMilliseconds);
    if (!self) {  // no memory for the thread's APC queue: none can be queued to it either
        if (!deadline.is_poll()) rasshost::posix::sleep_for_objects(nullptr, 0, false, deadline);
        return 0;
    }
    const std::uint32_t result = rasshost::posix::sleep_for_objects(nullptr, 0, false, deadline, &self->alerts);
    if (result != rasshost::posix::wait_io_completion) return 0;
    self->alerts.run_queued();
    return WAIT_IO_COMPLETION;
}

extern "C" DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn, DWORD dwMilliseconds,
                                            BOOL bAlertable) {
    if (const DWORD error = signal_object(hObjectToSignal); error != ERROR_SUCCESS) {
        SetLastError(error);
        return WAIT_FAILED;
    }
    return rasshost::posix::wait_single(hObjectToWaitOn, dwMilliseconds, bAlertable != FALSE);
}
