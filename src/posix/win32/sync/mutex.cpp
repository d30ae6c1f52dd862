// Mutexes: the Win32 calls over MutexObject (wait_subsystem.hpp holds its
// state, ownership and hand-off).
#include <rasshost/win32.h>

#include "posix/win32/sync/named_objects.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <memory>

namespace {

using rasshost::posix::KernelObject;
using rasshost::posix::MutexObject;

template <class Char>
HANDLE create_mutex(BOOL initial_owner, const Char* name) noexcept {
    // For an existing name bInitialOwner is ignored, as on Windows: make()
    // runs only for a new object.
    return rasshost::posix::create_named(name, MutexObject::kind, [initial_owner]() -> std::shared_ptr<KernelObject> {
        return std::make_shared<MutexObject>(initial_owner ? rasshost::posix::mutex_owner_id() : 0);
    });
}

}  // namespace

// Security attributes, access masks and inheritance are accepted and
// ignored, as for events (event.cpp).
extern "C" HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES, BOOL bInitialOwner, LPCSTR lpName) {
    return create_mutex(bInitialOwner, lpName);
}

extern "C" HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES, BOOL bInitialOwner, LPCWSTR lpName) {
    return create_mutex(bInitialOwner, lpName);
}

extern "C" HANDLE WINAPI OpenMutexA(DWORD, BOOL, LPCSTR lpName) {
    return rasshost::posix::open_named(lpName, MutexObject::kind);
}

extern "C" HANDLE WINAPI OpenMutexW(DWORD, BOOL, LPCWSTR lpName) {
    return rasshost::posix::open_named(lpName, MutexObject::kind);
}

extern "C" BOOL WINAPI ReleaseMutex(HANDLE hMutex) {
    const rasshost::posix::HandleReader reader;  // a release never sleeps
    MutexObject* mutex = reader.find_as<MutexObject>(hMutex);
    if (!mutex) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!mutex->release(GetCurrentThreadId())) {
        SetLastError(ERROR_NOT_OWNER);
        return FALSE;
    }
    return TRUE;
}
