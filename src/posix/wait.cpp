// WaitForSingleObject and WaitForMultipleObjects: validate as Win32 does,
// hold a reference to every object for the whole wait (so CloseHandle from
// another thread cannot free an object under a waiter), then hand over to
// the wait subsystem. Resolving the handles takes no lock (HandleReader).
#include <rasshost/win32.h>

#include "wait_subsystem.hpp"

#include <memory>

namespace {

using rasshost::posix::HandleReader;
using rasshost::posix::KernelObject;
using rasshost::posix::Slot;
using rasshost::posix::Waitable;

DWORD fail(DWORD error) noexcept {
    SetLastError(error);
    return WAIT_FAILED;
}

DWORD to_wait_result(std::uint32_t result) noexcept {
    return result == rasshost::posix::wait_timed_out ? WAIT_TIMEOUT : WAIT_OBJECT_0 + result;
}

// Resolves handles[0..count) into objects[] and a reference to each; false
// if one is not an open event or thread.
bool hold(const HANDLE* handles, DWORD count, Waitable** objects, std::shared_ptr<KernelObject>* held) noexcept {
    const HandleReader reader;
    for (DWORD i = 0; i < count; ++i) {
        const Slot* slot = reader.find_waitable(handles[i]);
        if (!slot) return false;
        objects[i] = static_cast<Waitable*>(slot->owner.get());
        held[i] = slot->owner;
    }
    return true;
}

}  // namespace

extern "C" DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(dwMilliseconds);
    std::shared_ptr<KernelObject> held;
    Waitable* waitable = nullptr;
    if (!hold(&hHandle, 1, &waitable, &held)) return fail(ERROR_INVALID_HANDLE);
    return to_wait_result(rasshost::posix::wait_for_objects(&waitable, 1, false, deadline));
}

extern "C" DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds) {
    using rasshost::posix::max_wait_objects;
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(dwMilliseconds);
    if (!lpHandles || nCount == 0 || nCount > max_wait_objects) return fail(ERROR_INVALID_PARAMETER);

    // Fixed arrays on the stack: a wait that need not sleep never allocates.
    std::shared_ptr<KernelObject> held[max_wait_objects];
    Waitable* objects[max_wait_objects];
    if (!hold(lpHandles, nCount, objects, held)) return fail(ERROR_INVALID_HANDLE);
    // Windows rejects the same object twice in a wait-all (it could never
    // take one auto-reset signal twice); a wait-any may name it twice.
    if (bWaitAll && rasshost::posix::has_duplicates(objects, nCount)) return fail(ERROR_INVALID_PARAMETER);
    return to_wait_result(rasshost::posix::wait_for_objects(objects, nCount, bWaitAll != FALSE, deadline));
}
