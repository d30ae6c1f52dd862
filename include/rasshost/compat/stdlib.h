/* <stdlib.h> for legacy sources on POSIX: the system's own <stdlib.h>, then
 * the Microsoft CRT's _itoa, _ltoa, _ultoa and _countof, which it declares
 * there. Added to the include path by the rasshost::compat CMake target,
 * ahead of the system headers. long is 32 bits on Windows: _ltoa and _ultoa
 * print the value's low 32 bits, as Windows would have them
 * (docs/decisions.md#crt-extensions). */
#ifndef RASSHOST_COMPAT_STDLIB_H
#define RASSHOST_COMPAT_STDLIB_H
/* #include_next is a GCC extension: keep -Wpedantic quiet about it here. */
#pragma GCC system_header
#include_next <stdlib.h>
#include "crt_common.h"

RASSHOST_EXTERN_C_BEGIN
/** value in radix 2..36 (lower-case letters); '-' only in radix 10, other
 *  radixes print the 32-bit two's complement. Returns buffer; a radix out
 *  of range empties it (errno EINVAL). */
RASSHOST_API char *_itoa(int value, char *buffer, int radix);
RASSHOST_API char *_ltoa(long value, char *buffer, int radix);
RASSHOST_API char *_ultoa(unsigned long value, char *buffer, int radix);
RASSHOST_EXTERN_C_END

#ifndef _countof
#define _countof(array) (sizeof(array) / sizeof((array)[0]))
#endif
#define itoa _itoa
#define ltoa _ltoa
#endif /* RASSHOST_COMPAT_STDLIB_H */
