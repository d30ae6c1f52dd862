// DuplicateHandle within the process, and the current process's
// pseudo-handle and id. A duplicate is one more handle to the same object
// (insert_handle accepts an object that already has handles).
#include <rasshost/win32.h>

#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/handles/pseudo_handles.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"
#include "posix/win32/threads/current_thread.hpp"

#include <cstdint>
#include <new>
#include <unistd.h>

namespace rasshost::posix {
namespace {

// The current process, behind the real handles DuplicateHandle makes from
// its pseudo-handle. Waitable as on Windows, and never signalled: the
// process is running while anyone waits for it to end.
class ProcessObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::process;
    ProcessObject() noexcept : Waitable(kind, true, false) {}
};

// The one process object (made on first use, never destroyed: handles may
// be used at exit); nullptr if memory ran out when it was first needed.
std::shared_ptr<KernelObject> the_process() noexcept {
    static const std::shared_ptr<KernelObject>* const process = []() noexcept -> std::shared_ptr<KernelObject>* {
        try {
            return new std::shared_ptr<KernelObject>(std::make_shared<ProcessObject>());
        } catch (const std::bad_alloc&) {
            return nullptr;
        }
    }();
    return process ? *process : nullptr;
}

// The emulation knows one process, the current one: its pseudo-handle or a
// real handle to it.
bool is_current_process(HANDLE process) noexcept {
    if (process == GetCurrentProcess()) return true;
    const HandleReader reader;
    return reader.find_as<ProcessObject>(process) != nullptr;
}

// The object a source handle names, or nullptr: every source is resolved
// here, so pseudo-handles become their objects in one place.
std::shared_ptr<KernelObject> resolve_source(HANDLE source) noexcept {
    if (auto pseudo = pseudo_handle_object(source)) return pseudo;
    auto object = lookup_handle(source);
    // Heaps and event sources are in the table only so that their calls
    // validate them: on Windows they are not kernel handles and cannot be
    // duplicated.
    if (!object || !is_kernel_object(static_cast<std::uint8_t>(object->kind()))) return nullptr;
    return object;
}

BOOL fail(DWORD error) noexcept {
    SetLastError(error);
    return FALSE;
}

}  // namespace

std::shared_ptr<KernelObject> pseudo_handle_object(HANDLE handle) noexcept {
    if (handle == GetCurrentProcess()) return the_process();
    if (handle == current_thread_pseudo_handle) return current_thread_object();
    return nullptr;
}

}  // namespace rasshost::posix

extern "C" HANDLE WINAPI GetCurrentProcess(void) { return reinterpret_cast<HANDLE>(static_cast<std::intptr_t>(-1)); }

extern "C" DWORD WINAPI GetCurrentProcessId(void) { return static_cast<DWORD>(getpid()); }

// Access rights are not enforced (every handle has full access) and no
// process inherits handles, so dwDesiredAccess and bInheritHandle change
// nothing. The checks come in the order Windows makes them (tested under
// Wine): the source process, the source handle (closed here if asked, even
// when the target process is bad), then the target process.
extern "C" BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle, HANDLE hTargetProcessHandle,
                                       LPHANDLE lpTargetHandle, DWORD dwDesiredAccess, BOOL bInheritHandle,
                                       DWORD dwOptions) {
    using namespace rasshost::posix;
    static_cast<void>(dwDesiredAccess);
    static_cast<void>(bInheritHandle);
    if (lpTargetHandle) *lpTargetHandle = nullptr;  // what a failed call leaves there (as Wine does)
    if (!is_current_process(hSourceProcessHandle)) return fail(ERROR_INVALID_HANDLE);
    const bool close_source = (dwOptions & DUPLICATE_CLOSE_SOURCE) != 0;
    // Held across the close: the object outlives its source handle here. Closing
    // first lets the new handle hold the object's state copy (handle_table.hpp).
    const auto object = resolve_source(hSourceHandle);
    if (close_source && object) close_handle(hSourceHandle);
    if (!object) return fail(ERROR_INVALID_HANDLE);
    // Only closing was asked: Microsoft documents a NULL target process as
    // valid with DUPLICATE_CLOSE_SOURCE (Wine fails it, after closing).
    if (close_source && hTargetProcessHandle == nullptr) return TRUE;
    if (!is_current_process(hTargetProcessHandle)) return fail(ERROR_INVALID_HANDLE);
    // Windows makes the duplicate and loses it; making none is the same but for the leak.
    if (lpTargetHandle == nullptr) return TRUE;
    HANDLE copy = insert_handle(object);
    if (!copy) return FALSE;  // ERROR_NOT_ENOUGH_MEMORY, set by insert_handle
    *lpTargetHandle = copy;
    return TRUE;
}
