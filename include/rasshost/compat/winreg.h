/* <winreg.h> for legacy sources on POSIX: the Win32 subset, as <windows.h>
 * (which includes it on Windows) gives it. Added to the include path by the
 * rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_WINREG_H
#define RASSHOST_COMPAT_WINREG_H
#include <windows.h>
#endif /* RASSHOST_COMPAT_WINREG_H */
