/* <windows.h> for legacy sources on POSIX: forwards to <rasshost/win32.h>,
 * and, as the SDK's windows.h does, brings <stdarg.h> and <string.h> (legacy
 * code calls va_start and memcpy with only <windows.h> included).
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_WINDOWS_H
#define RASSHOST_COMPAT_WINDOWS_H
#include <stdarg.h>
#include <string.h>
#include <rasshost/win32.h>
#endif /* RASSHOST_COMPAT_WINDOWS_H */
