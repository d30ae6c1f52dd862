// A probe for the test suites, not part of the Win32 API: the number of
// threads blocked on an object. With it a test knows that a waiter is
// really waiting before it sets, resets or pulses, instead of guessing with
// sleeps. Exported (tests link the shared library) under a name no Win32
// program uses.
#include <rasshost/win32.h>

#include "posix/win32/sync/wait_subsystem.hpp"

#include <algorithm>

// Returns the waiter count, or (DWORD)-1 for a handle that cannot be waited on.
extern "C" RASSHOST_API DWORD rasshost_test_waiter_count(HANDLE handle);

extern "C" DWORD rasshost_test_waiter_count(HANDLE handle) {
    auto object = rasshost::posix::lookup_handle(handle);
    if (!object || (object->kind() != rasshost::posix::KernelObject::Kind::event &&
                    object->kind() != rasshost::posix::KernelObject::Kind::thread))
        return static_cast<DWORD>(-1);
    const auto count = rasshost::posix::waiter_count(static_cast<const rasshost::posix::Waitable&>(*object));
    return static_cast<DWORD>(std::min<std::size_t>(count, 0xFFFFFFFEu));
}
