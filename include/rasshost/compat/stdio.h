/* <stdio.h> for legacy sources on POSIX: the system's own <stdio.h>, then
 * the Microsoft CRT's _snprintf, _vsnprintf, sprintf_s and _snprintf_s,
 * which it declares there. Added to the include path by the
 * rasshost::compat CMake target, ahead of the system headers. The format is
 * the C library's: 'l' is 64 bits on LP64, where Windows' long has 32
 * (docs/decisions.md#crt-extensions). */
#ifndef RASSHOST_COMPAT_STDIO_H
#define RASSHOST_COMPAT_STDIO_H
/* #include_next is a GCC extension: keep -Wpedantic quiet about it here. */
#pragma GCC system_header
#include_next <stdio.h>
#include <stdarg.h>
#include "crt_common.h"

RASSHOST_EXTERN_C_BEGIN
/** At most count characters. Returns the length when it fits (terminated
 *  if there is room), or -1 when it does not, leaving the buffer
 *  unterminated, as the Microsoft CRT does. */
RASSHOST_API int _snprintf(char *buffer, size_t count, const char *format, ...);
RASSHOST_API int _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr);
/** The length written; -1 (errno ERANGE, buffer emptied) if it does not fit. */
RASSHOST_API int sprintf_s(char *buffer, size_t size_of_buffer, const char *format, ...);
/** Writes at most count characters (_TRUNCATE: what fits) and a
 *  terminator; -1 when that cut the text short. */
RASSHOST_API int _snprintf_s(char *buffer, size_t size_of_buffer, size_t count, const char *format, ...);
RASSHOST_API int _vsnprintf_s(char *buffer, size_t size_of_buffer, size_t count, const char *format,
                              va_list argptr);
RASSHOST_API int vsprintf_s(char *buffer, size_t size_of_buffer, const char *format, va_list argptr);
RASSHOST_EXTERN_C_END
#endif /* RASSHOST_COMPAT_STDIO_H */
