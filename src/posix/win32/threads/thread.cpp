// CreateThread and friends over detached pthreads.
//
// Thread ids come from a process-wide counter, not gettid(): CreateThread
// can then return the id at once instead of waiting for the new thread to
// report its kernel id, and the code stays portable. An id is given to a
// thread on its first GetCurrentThreadId (or by CreateThread), is nonzero,
// and is unique for 2^32 - 1 threads.
//
// Lifetime: the new thread holds its own reference to its ThreadObject
// (current_thread.hpp: released when the thread exits, even through
// pthread_exit), so closing the handle neither stops the thread nor frees
// the object under it.
#include <rasshost/win32.h>

#include "posix/win32/modules/module_threads.hpp"
#include "posix/win32/threads/current_thread.hpp"
#include "posix/win32/threads/thread_object.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <memory>
#include <new>
#include <pthread.h>
#include <unistd.h>

namespace {

using rasshost::posix::ThreadObject;

std::atomic<DWORD> last_thread_id{0};

DWORD next_thread_id() noexcept {
    DWORD id;
    do id = last_thread_id.fetch_add(1, std::memory_order_relaxed) + 1;
    while (id == 0);
    return id;
}

thread_local DWORD current_thread_id = 0;

// Tells module_threads the thread has left its start routine's library for
// good. A thread_local's destructor runs after the last frame of that code
// is gone, whether the routine returned or called ExitThread (whose
// pthread_exit unwinds through the library's frames first).
struct LeavesLibrary {
    const void* base = nullptr;
    ~LeavesLibrary() { rasshost::posix::module_threads::ended(base); }
};
thread_local LeavesLibrary leaves_library;

void* thread_entry(void* raw) {
    std::unique_ptr<std::shared_ptr<ThreadObject>> start(static_cast<std::shared_ptr<ThreadObject>*>(raw));
    ThreadObject* thread = start->get();
    current_thread_id = thread->id();
    rasshost::posix::become_current_thread(std::move(start));  // keeps the reference until the thread ends
    leaves_library.base = thread->code_base;
    thread->wait_until_resumed();
    // A thread starts alertable, as on Windows: APCs queued before it ran
    // run before its start routine.
    thread->alerts.run_queued();
    // No RAII between here and the start routine: ExitThread leaves through
    // pthread_exit, and the exit code is recorded before it does.
    thread->finish(thread->run());
    return nullptr;
}

std::size_t stack_size_for(SIZE_T requested) noexcept {
    const long page = sysconf(_SC_PAGESIZE);
    const std::size_t page_size = page > 0 ? static_cast<std::size_t>(page) : 4096;
    std::size_t size = std::max<std::size_t>(requested, PTHREAD_STACK_MIN);
    if (size > SIZE_MAX - page_size) return size;  // absurd request: let pthread refuse it
    return (size + page_size - 1) / page_size * page_size;
}

DWORD error_from_errno(int error) noexcept {
    return error == EINVAL ? ERROR_INVALID_PARAMETER : ERROR_NOT_ENOUGH_MEMORY;
}

// Starts the pthread; returns 0 or an errno value.
int start_pthread(std::shared_ptr<ThreadObject> object, SIZE_T stack_size) noexcept {
    pthread_attr_t attr;
    int rc = pthread_attr_init(&attr);
    if (rc != 0) return rc;
    rc = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);  // nobody joins: no leak
    if (rc == 0 && stack_size != 0) rc = pthread_attr_setstacksize(&attr, stack_size_for(stack_size));
    if (rc == 0) {
        auto* start = new (std::nothrow) std::shared_ptr<ThreadObject>(std::move(object));
        if (!start) {
            rc = ENOMEM;
        } else {
            pthread_t thread;
            rc = pthread_create(&thread, &attr, thread_entry, start);
            if (rc != 0) delete start;
        }
    }
    pthread_attr_destroy(&attr);
    return rc;
}

}  // namespace

extern "C" HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES, SIZE_T dwStackSize, LPTHREAD_START_ROUTINE lpStartAddress,
                                      LPVOID lpParameter, DWORD dwCreationFlags, LPDWORD lpThreadId) {
    constexpr DWORD known_flags = CREATE_SUSPENDED | STACK_SIZE_PARAM_IS_A_RESERVATION;
    if (!lpStartAddress || (dwCreationFlags & ~known_flags) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    const DWORD id = next_thread_id();
    std::shared_ptr<ThreadObject> object;
    try {
        object = std::make_shared<ThreadObject>(lpStartAddress, lpParameter, id,
                                                (dwCreationFlags & CREATE_SUSPENDED) != 0);
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    // The handle exists before the thread, so a failed insert starts nothing.
    HANDLE handle = rasshost::posix::insert_handle(object);
    if (!handle) return nullptr;
    if (!rasshost::posix::list_thread(object)) {
        rasshost::posix::close_handle(handle);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    const void* code_base = rasshost::posix::module_threads::base_of_code(reinterpret_cast<const void*>(lpStartAddress));
    object->code_base = code_base;
    rasshost::posix::module_threads::started(code_base);  // before the thread can end
    if (const int rc = start_pthread(std::move(object), dwStackSize); rc != 0) {
        rasshost::posix::module_threads::ended(code_base);
        rasshost::posix::close_handle(handle);
        SetLastError(error_from_errno(rc));
        return nullptr;
    }
    if (lpThreadId) *lpThreadId = id;
    return handle;
}

extern "C" DWORD WINAPI ResumeThread(HANDLE hThread) {
    auto thread = rasshost::posix::thread_from_handle(hThread);
    if (!thread) {
        SetLastError(ERROR_INVALID_HANDLE);
        return static_cast<DWORD>(-1);
    }
    return thread->resume();
}

extern "C" DWORD WINAPI GetCurrentThreadId(void) {
    if (current_thread_id == 0) current_thread_id = next_thread_id();
    return current_thread_id;
}

extern "C" void WINAPI ExitThread(DWORD dwExitCode) {
    // A thread not made by CreateThread gets its object now, so that its
    // waiters see this exit code (without memory, they see 0).
    if (auto thread = rasshost::posix::current_thread_object()) thread->finish(dwExitCode);
    // pthread_exit unwinds without running the start routine's epilogue,
    // so thread_entry's finish() is not reached a second time; thread_local
    // destructors (our self-reference, the parker lease) still run.
    pthread_exit(nullptr);
}

extern "C" BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode) {
    auto thread = rasshost::posix::thread_from_handle(hThread);
    if (!thread) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!lpExitCode) {
        SetLastError(ERROR_INVALID_PARAMETER);  // Windows would fault writing through NULL
        return FALSE;
    }
    *lpExitCode = thread->exit_code();
    return TRUE;
}
