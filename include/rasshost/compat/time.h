/* <time.h> for legacy sources on POSIX: the system's own <time.h>, then the
 * Microsoft CRT's _strdate and _strtime, which the CRT declares there.
 * Added to the include path by the rasshost::compat CMake target, ahead of
 * the system headers. */
#ifndef RASSHOST_COMPAT_TIME_H
#define RASSHOST_COMPAT_TIME_H
/* #include_next is a GCC extension: keep -Wpedantic quiet about it here. */
#pragma GCC system_header
#include_next <time.h>
#include <rasshost/config.h>

RASSHOST_EXTERN_C_BEGIN
/** Today's local date as "MM/DD/YY" (9 bytes with the NUL); returns buffer. */
RASSHOST_API char *_strdate(char *buffer);
/** The local time as "HH:MM:SS" (9 bytes with the NUL); returns buffer. */
RASSHOST_API char *_strtime(char *buffer);
RASSHOST_EXTERN_C_END
#endif /* RASSHOST_COMPAT_TIME_H */
