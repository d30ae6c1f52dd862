// Whether a HANDLE may be given to SetEvent by the host
// (docs/decisions.md#event-handles).
//
// Windows offers no cheap, documented way to ask an object's type
// (NtQueryObject is ntdll-internal). So this is a best effort: NULL and
// INVALID_HANDLE_VALUE are rejected, and any handle the process really has
// open (GetHandleInformation succeeds) is accepted. A live handle of another
// kind passes here and then SetEvent fails on it (ERROR_INVALID_HANDLE),
// which the dialog treats like any failed signal; on POSIX the handle table
// knows the kind and rejects it up front.
#include "../common/backend.hpp"

namespace rasshost::backend {

bool is_event_handle(HANDLE handle) noexcept {
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE) return false;
    DWORD flags = 0;
    return GetHandleInformation(handle, &flags) != FALSE;
}

}  // namespace rasshost::backend
