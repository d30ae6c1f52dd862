// What the platform-free code needs from a backend (src/posix, src/win32)
// beyond the Win32 API itself.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::backend {

// True if `handle` names an event the host may signal with SetEvent
// (spec OQ-4, OQ-29). Never consumes or changes the event.
bool is_event_handle(HANDLE handle) noexcept;

}  // namespace rasshost::backend
