/*
 * rasshost/win32/format_message.h - FormatMessageA/W (winbase.h).
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX FORMAT_MESSAGE_FROM_SYSTEM knows the English texts of the Win32
 * error codes the library returns and of the RAS codes of raserror.h (on
 * Windows those come from mprmsg.dll); any other id fails with
 * ERROR_MR_MID_NOT_FOUND. FROM_HMODULE finds no message table
 * (ERROR_RESOURCE_TYPE_NOT_FOUND) unless FROM_SYSTEM is set too. Inserts
 * %1..%99 with !printf! specs (no floating point, as on Windows), the
 * escapes %0 %n %r %t %% and %<any other character>, IGNORE_INSERTS,
 * ARGUMENT_ARRAY or a va_list, and the MAX_WIDTH_MASK line rules work as
 * Microsoft documents them (docs/decisions.md#format-message).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_FORMAT_MESSAGE_H
#define RASSHOST_WIN32_FORMAT_MESSAGE_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

#include <stdarg.h>

RASSHOST_EXTERN_C_BEGIN

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100u
#define FORMAT_MESSAGE_IGNORE_INSERTS 0x00000200u
#define FORMAT_MESSAGE_FROM_STRING 0x00000400u
#define FORMAT_MESSAGE_FROM_HMODULE 0x00000800u
#define FORMAT_MESSAGE_FROM_SYSTEM 0x00001000u
#define FORMAT_MESSAGE_ARGUMENT_ARRAY 0x00002000u
#define FORMAT_MESSAGE_MAX_WIDTH_MASK 0x000000FFu

/** Formats a message into lpBuffer (nSize characters, the NUL included) or,
 *  with FORMAT_MESSAGE_ALLOCATE_BUFFER, into a LocalAlloc'ed buffer of at
 *  least nSize characters whose address is stored at *(LPSTR *)lpBuffer
 *  (LocalFree frees it). Returns the characters stored without the NUL, or
 *  0: ERROR_INSUFFICIENT_BUFFER, ERROR_MR_MID_NOT_FOUND,
 *  ERROR_RESOURCE_LANG_NOT_FOUND (a language other than neutral or
 *  English), ERROR_INVALID_PARAMETER (NULL buffer or format, no source or
 *  two, a format ending in '%', an insert without arguments), ERROR_MORE_DATA
 *  (more than 128K characters), ERROR_NO_WORK_DONE (an empty result: nothing
 *  is stored or allocated). */
RASSHOST_API DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
                                         LPSTR lpBuffer, DWORD nSize, va_list *Arguments);
/** FormatMessageA on wide text ('s' inserts are wide, 'S' narrow). */
RASSHOST_API DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
                                         LPWSTR lpBuffer, DWORD nSize, va_list *Arguments);

#define FormatMessage FormatMessageA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_FORMAT_MESSAGE_H */
