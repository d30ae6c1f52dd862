// WaitForSingleObject(Ex) and WaitForMultipleObjects(Ex) as functions the
// other waits (SleepEx, SignalObjectAndWait) share: Win32 results and last
// errors, with or without alerts.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix {

DWORD wait_single(HANDLE handle, DWORD milliseconds, bool alertable) noexcept;
DWORD wait_multiple(DWORD count, const HANDLE* handles, bool wait_all, DWORD milliseconds, bool alertable) noexcept;

}  // namespace rasshost::posix
