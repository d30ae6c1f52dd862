// WaitForSingleObject and WaitForMultipleObjects: validate as Win32 does,
// hold a reference to every object for the whole wait (so CloseHandle from
// another thread cannot free an object under a waiter), then hand over to
// the wait subsystem.
#include <rasshost/win32.h>

#include "wait_subsystem.hpp"

#include <memory>

namespace {

using rasshost::posix::KernelObject;
using rasshost::posix::Waitable;

Waitable* as_waitable(KernelObject* object) noexcept {
    if (!object) return nullptr;
    switch (object->kind()) {
    case KernelObject::Kind::event:
    case KernelObject::Kind::thread:
        return static_cast<Waitable*>(object);
    default:
        return nullptr;  // the process heap, and any kind added later, cannot be waited on
    }
}

DWORD fail(DWORD error) noexcept {
    SetLastError(error);
    return WAIT_FAILED;
}

DWORD to_wait_result(std::uint32_t result) noexcept {
    return result == rasshost::posix::wait_timed_out ? WAIT_TIMEOUT : WAIT_OBJECT_0 + result;
}

}  // namespace

extern "C" DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(dwMilliseconds);
    const auto object = rasshost::posix::lookup_handle(hHandle);
    Waitable* waitable = as_waitable(object.get());
    if (!waitable) return fail(ERROR_INVALID_HANDLE);
    return to_wait_result(rasshost::posix::wait_for_objects(&waitable, 1, false, deadline));
}

extern "C" DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds) {
    using rasshost::posix::max_wait_objects;
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(dwMilliseconds);
    if (!lpHandles || nCount == 0 || nCount > max_wait_objects) return fail(ERROR_INVALID_PARAMETER);

    // Fixed arrays on the stack: a wait that need not sleep never allocates.
    std::shared_ptr<KernelObject> held[max_wait_objects];
    if (rasshost::posix::lookup_handles(lpHandles, nCount, held) != nCount) return fail(ERROR_INVALID_HANDLE);
    Waitable* objects[max_wait_objects];
    for (DWORD i = 0; i < nCount; ++i) {
        objects[i] = as_waitable(held[i].get());
        if (!objects[i]) return fail(ERROR_INVALID_HANDLE);
    }
    // Windows rejects the same object twice in a wait-all (it could never
    // take one auto-reset signal twice); a wait-any may name it twice.
    if (bWaitAll && rasshost::posix::has_duplicates(objects, nCount)) return fail(ERROR_INVALID_PARAMETER);
    return to_wait_result(rasshost::posix::wait_for_objects(objects, nCount, bWaitAll != FALSE, deadline));
}
