// The thread calls that name a thread by handle or id: GetCurrentThread,
// OpenThread, GetThreadId, SuspendThread, TerminateThread, QueueUserAPC.
#include <rasshost/win32.h>

#include "posix/win32/threads/current_thread.hpp"

namespace {

using rasshost::posix::thread_from_handle;

template <class T>
T fail(DWORD error, T result) noexcept {
    SetLastError(error);
    return result;
}

}  // namespace

extern "C" HANDLE WINAPI GetCurrentThread(void) { return rasshost::posix::current_thread_pseudo_handle; }

// Access rights and inheritance are accepted and ignored: there is no access
// control between the threads of a process, and handles are not inherited.
extern "C" HANDLE WINAPI OpenThread(DWORD, BOOL, DWORD dwThreadId) {
    std::shared_ptr<rasshost::posix::ThreadObject> thread;
    if (dwThreadId != 0 && dwThreadId == GetCurrentThreadId()) {
        thread = rasshost::posix::current_thread_object();
        if (!thread) return fail(ERROR_NOT_ENOUGH_MEMORY, HANDLE{nullptr});
    } else {
        thread = rasshost::posix::find_thread(dwThreadId);
        // Windows: an id that names no thread is an invalid parameter.
        if (!thread) return fail(ERROR_INVALID_PARAMETER, HANDLE{nullptr});
    }
    return rasshost::posix::insert_handle(std::move(thread));  // sets ERROR_NOT_ENOUGH_MEMORY on failure
}

extern "C" DWORD WINAPI GetThreadId(HANDLE Thread) {
    const auto thread = thread_from_handle(Thread);
    if (!thread) return fail(ERROR_INVALID_HANDLE, DWORD{0});
    return thread->id();
}

// docs/decisions.md#suspendthread-and-terminatethread: only a thread that has
// not started running can be held without risk.
extern "C" DWORD WINAPI SuspendThread(HANDLE hThread) {
    const auto thread = thread_from_handle(hThread);
    if (!thread) return fail(ERROR_INVALID_HANDLE, static_cast<DWORD>(-1));
    const DWORD previous = thread->suspend_before_start();
    if (previous == static_cast<DWORD>(-1)) return fail(ERROR_NOT_SUPPORTED, previous);
    return previous;
}

extern "C" BOOL WINAPI TerminateThread(HANDLE hThread, DWORD dwExitCode) {
    const auto thread = thread_from_handle(hThread);
    if (!thread) return fail(ERROR_INVALID_HANDLE, FALSE);
    if (thread->finished()) {
        thread->replace_exit_code(dwExitCode);  // what Windows code observes under Wine
        return TRUE;
    }
    return fail(ERROR_NOT_SUPPORTED, FALSE);
}

extern "C" DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData) {
    const auto thread = thread_from_handle(hThread);
    if (!thread) return fail(ERROR_INVALID_HANDLE, DWORD{0});
    if (!pfnAPC) return fail(ERROR_INVALID_PARAMETER, DWORD{0});
    if (!thread->alerts.queue(pfnAPC, dwData)) return fail(ERROR_NOT_ENOUGH_QUOTA, DWORD{0});
    return 1;
}
