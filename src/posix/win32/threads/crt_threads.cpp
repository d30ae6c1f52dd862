// The CRT's _beginthreadex family over CreateThread: the Microsoft CRT does
// the same on Windows, and its handles and exit codes are Win32's.
#include <rasshost/win32.h>
#include <rasshost/win32/crt_threads.h>

#include "posix/win32/modules/module_threads.hpp"

#include <cerrno>
#include <new>

namespace {

// errno as the Microsoft CRT documents it for _beginthread(ex).
int errno_for(DWORD error) noexcept { return error == ERROR_INVALID_PARAMETER ? EINVAL : EAGAIN; }

namespace module_threads = rasshost::posix::module_threads;

struct BeginThreadStart {
    void (*routine)(void*);
    void* argument;
    HANDLE self;
    const void* code_base;  // the library holding routine
};

// _beginthread's thread starts in this file, so CreateThread counts it as
// running here; FreeLibrary must also know it runs in the routine's library
// (module_threads.hpp). Left on every way out, _endthread's unwinding too.
struct LeavesLibrary {
    const void* base;
    ~LeavesLibrary() { module_threads::ended(base); }
};

// The handle a _beginthread thread closes when it ends (trivially
// destructible: no thread_local destructor is registered).
thread_local HANDLE own_handle = nullptr;

void close_own_handle() noexcept {
    if (HANDLE handle = own_handle) {
        own_handle = nullptr;
        CloseHandle(handle);
    }
}

DWORD WINAPI begin_thread_entry(LPVOID raw) {
    const BeginThreadStart start = *static_cast<BeginThreadStart*>(raw);
    delete static_cast<BeginThreadStart*>(raw);
    own_handle = start.self;
    {
        const LeavesLibrary leaves{start.code_base};
        start.routine(start.argument);
    }
    close_own_handle();
    return 0;
}

}  // namespace

extern "C" uintptr_t __cdecl _beginthreadex(void* security, unsigned stack_size, unsigned(__stdcall* start_address)(void*),
                                            void* arglist, unsigned initflag, unsigned* thrdaddr) {
    if (!start_address) {
        errno = EINVAL;
        return 0;
    }
    DWORD id = 0;
    HANDLE thread = CreateThread(static_cast<LPSECURITY_ATTRIBUTES>(security), stack_size, start_address, arglist,
                                 initflag, &id);
    if (!thread) {
        errno = errno_for(GetLastError());
        return 0;
    }
    if (thrdaddr) *thrdaddr = id;
    return reinterpret_cast<uintptr_t>(thread);
}

extern "C" void __cdecl _endthreadex(unsigned retval) { ExitThread(retval); }

extern "C" uintptr_t __cdecl _beginthread(void(__cdecl* start_address)(void*), unsigned stack_size, void* arglist) {
    constexpr auto failed = static_cast<uintptr_t>(-1);
    if (!start_address) {
        errno = EINVAL;
        return failed;
    }
    const void* code_base = module_threads::base_of_code(reinterpret_cast<const void*>(start_address));
    auto* start = new (std::nothrow) BeginThreadStart{start_address, arglist, nullptr, code_base};
    if (!start) {
        errno = EAGAIN;
        return failed;
    }
    module_threads::started(code_base);  // before the thread can end
    // Suspended until it knows its own handle, which it closes when it ends.
    HANDLE thread = CreateThread(nullptr, stack_size, begin_thread_entry, start, CREATE_SUSPENDED, nullptr);
    if (!thread) {
        module_threads::ended(code_base);
        delete start;
        errno = errno_for(GetLastError());
        return failed;
    }
    start->self = thread;
    ResumeThread(thread);
    return reinterpret_cast<uintptr_t>(thread);
}

extern "C" void __cdecl _endthread(void) {
    close_own_handle();
    ExitThread(0);
}
