/* <string.h> for legacy sources on POSIX: the system's own <string.h>, then
 * the Microsoft CRT's string extensions it declares there (_stricmp,
 * _strdup, strcpy_s ...). Added to the include path by the rasshost::compat
 * CMake target, ahead of the system headers. Letters fold as in the CRT's
 * default "C" locale: ASCII only. Where the CRT would call its
 * invalid-parameter handler (which ends the process by default) these
 * return EINVAL or ERANGE and leave the destination empty
 * (docs/decisions.md#crt-extensions). */
#ifndef RASSHOST_COMPAT_STRING_H
#define RASSHOST_COMPAT_STRING_H
/* #include_next is a GCC extension: keep -Wpedantic quiet about it here. */
#pragma GCC system_header
#include_next <string.h>
#include "crt_common.h"

RASSHOST_EXTERN_C_BEGIN
/** Compares ignoring ASCII case: <0, 0, >0. NULL: INT_MAX, errno EINVAL. */
RASSHOST_API int _stricmp(const char *string1, const char *string2);
/** _stricmp of at most count characters. */
RASSHOST_API int _strnicmp(const char *string1, const char *string2, size_t count);
/** A malloc'ed copy (free frees it); NULL for NULL or no memory. */
RASSHOST_API char *_strdup(const char *source);
/** Upper-cases ASCII letters in place; returns str. */
RASSHOST_API char *_strupr(char *str);
/** Lower-cases ASCII letters in place; returns str. */
RASSHOST_API char *_strlwr(char *str);
/** Copies with the terminator: 0; EINVAL for a NULL argument or size 0,
 *  ERANGE when src does not fit (dest emptied). */
RASSHOST_API errno_t strcpy_s(char *dest, size_t dest_size, const char *src);
/** Copies at most count characters and a terminator; count _TRUNCATE copies
 *  what fits and returns STRUNCATE if that is not all. */
RASSHOST_API errno_t strncpy_s(char *dest, size_t dest_size, const char *src, size_t count);
/** Appends: 0; EINVAL if dest is not terminated within dest_size, ERANGE
 *  when the result does not fit (dest emptied). */
RASSHOST_API errno_t strcat_s(char *dest, size_t dest_size, const char *src);
RASSHOST_EXTERN_C_END

#define stricmp _stricmp
#define strnicmp _strnicmp
#define strupr _strupr
#define strlwr _strlwr
#endif /* RASSHOST_COMPAT_STRING_H */
