/* <windows.h> for legacy sources on POSIX: forwards to <rasshost/win32.h>.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_WINDOWS_H
#define RASSHOST_COMPAT_WINDOWS_H
#include <rasshost/win32.h>
#endif /* RASSHOST_COMPAT_WINDOWS_H */
