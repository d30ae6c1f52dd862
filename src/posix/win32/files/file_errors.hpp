// errno as the Win32 error Windows gives for the same failure of a file
// call: the one mapping every file call uses.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix {

DWORD win32_error_from_errno(int error) noexcept;

// Sets the last error from errno and returns `result` (for one-line failures).
template <class T>
T fail_with_errno(int error, T result) noexcept;

// Sets the last error and returns `result`.
template <class T>
T fail_with(DWORD code, T result) noexcept {
    SetLastError(code);
    return result;
}

template <class T>
T fail_with_errno(int error, T result) noexcept {
    return fail_with(win32_error_from_errno(error), result);
}

}  // namespace rasshost::posix
