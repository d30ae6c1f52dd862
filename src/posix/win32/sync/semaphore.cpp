// Semaphores: the Win32 calls over SemaphoreObject (wait_subsystem.hpp
// holds its count and hand-off).
#include <rasshost/win32.h>

#include "posix/win32/sync/named_objects.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <memory>

namespace {

using rasshost::posix::KernelObject;
using rasshost::posix::SemaphoreObject;

template <class Char>
HANDLE create_semaphore(LONG initial, LONG maximum, const Char* name) noexcept {
    if (maximum <= 0 || initial < 0 || initial > maximum) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return rasshost::posix::create_named(name, SemaphoreObject::kind, [initial, maximum]() -> std::shared_ptr<KernelObject> {
        return std::make_shared<SemaphoreObject>(static_cast<std::uint32_t>(initial), static_cast<std::uint32_t>(maximum));
    });
}

}  // namespace

// Security attributes, access masks and inheritance are accepted and
// ignored, as for events (event.cpp).
extern "C" HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES, LONG lInitialCount, LONG lMaximumCount,
                                          LPCSTR lpName) {
    return create_semaphore(lInitialCount, lMaximumCount, lpName);
}

extern "C" HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES, LONG lInitialCount, LONG lMaximumCount,
                                          LPCWSTR lpName) {
    return create_semaphore(lInitialCount, lMaximumCount, lpName);
}

extern "C" HANDLE WINAPI OpenSemaphoreA(DWORD, BOOL, LPCSTR lpName) {
    return rasshost::posix::open_named(lpName, SemaphoreObject::kind);
}

extern "C" HANDLE WINAPI OpenSemaphoreW(DWORD, BOOL, LPCWSTR lpName) {
    return rasshost::posix::open_named(lpName, SemaphoreObject::kind);
}

// Microsoft documents that the release count must be greater than zero.
extern "C" BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount) {
    const rasshost::posix::HandleReader reader;  // a release never sleeps
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
