// Mutexes and semaphores: the Win32 calls over MutexObject and
// SemaphoreObject (wait_subsystem.hpp holds their state and hand-off).
#include <rasshost/win32.h>

#include "posix/win32/sync/named_objects.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <memory>

namespace {

using rasshost::posix::KernelObject;
using rasshost::posix::MutexObject;
using rasshost::posix::SemaphoreObject;

template <class Name>
HANDLE create_mutex(BOOL initial_owner, Name name) noexcept {
    return rasshost::posix::create_named(name, MutexObject::kind, [initial_owner]() -> std::shared_ptr<KernelObject> {
        return std::make_shared<MutexObject>(initial_owner ? rasshost::posix::mutex_owner_id() : 0);
    });
}

template <class Name>
HANDLE create_semaphore(LONG initial, LONG maximum, Name name) noexcept {
    if (maximum <= 0 || initial < 0 || initial > maximum) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return rasshost::posix::create_named(name, SemaphoreObject::kind, [initial, maximum]() -> std::shared_ptr<KernelObject> {
        return std::make_shared<SemaphoreObject>(static_cast<std::uint32_t>(initial), static_cast<std::uint32_t>(maximum));
    });
}

}  // namespace

// Security attributes are ignored, as for events (event.cpp).
extern "C" HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES, BOOL bInitialOwner, LPCSTR lpName) {
    return create_mutex(bInitialOwner, lpName);
}

extern "C" HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES, BOOL bInitialOwner, LPCWSTR lpName) {
    return create_mutex(bInitialOwner, lpName);
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

extern "C" HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES, LONG lInitialCount, LONG lMaximumCount,
                                          LPCSTR lpName) {
    return create_semaphore(lInitialCount, lMaximumCount, lpName);
}

extern "C" HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES, LONG lInitialCount, LONG lMaximumCount,
                                          LPCWSTR lpName) {
    return create_semaphore(lInitialCount, lMaximumCount, lpName);
}

extern "C" BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount) {
    const rasshost::posix::HandleReader reader;
    SemaphoreObject* semaphore = reader.find_as<SemaphoreObject>(hSemaphore);
    if (!semaphore) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (lReleaseCount <= 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::uint32_t previous = 0;
    if (!semaphore->release(static_cast<std::uint32_t>(lReleaseCount), previous)) {
        SetLastError(ERROR_TOO_MANY_POSTS);
        return FALSE;
    }
    if (lpPreviousCount) *lpPreviousCount = static_cast<LONG>(previous);
    return TRUE;
}
