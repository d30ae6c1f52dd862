/*
 * rasshost/win32/characters.h - characters of the ANSI code page:
 * CharUpperA, CharLowerA, CharNextA, CharPrevA, IsCharAlphaA ..., and
 * wvsprintfA (winuser.h on Windows).
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX the case of a byte is the case of its character in the ANSI code
 * page (1252 by default: ASCII, the Latin-1 letters, and 1252's S, Z, OE
 * and Y with diacritics); a character whose other case the code page lacks
 * is left as it is. Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_CHARACTERS_H
#define RASSHOST_WIN32_CHARACTERS_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

#include <stdarg.h>

RASSHOST_EXTERN_C_BEGIN

/** Upper-cases a string in place and returns it; a pointer whose high bits
 *  are zero is a character (in its low byte), returned upper-cased the same
 *  way. NULL returns NULL. */
RASSHOST_API LPSTR WINAPI CharUpperA(LPSTR lpsz);
/** CharUpperA's lower-case twin. */
RASSHOST_API LPSTR WINAPI CharLowerA(LPSTR lpsz);
/** Upper-cases cchLength bytes in place; returns cchLength (0 for NULL). */
RASSHOST_API DWORD WINAPI CharUpperBuffA(LPSTR lpsz, DWORD cchLength);
/** Lower-cases cchLength bytes in place; returns cchLength (0 for NULL). */
RASSHOST_API DWORD WINAPI CharLowerBuffA(LPSTR lpsz, DWORD cchLength);
/** The next character; at the terminating NUL, lpsz itself. */
RASSHOST_API LPSTR WINAPI CharNextA(LPCSTR lpsz);
/** The character before lpszCurrent; lpszStart when there is none. */
RASSHOST_API LPSTR WINAPI CharPrevA(LPCSTR lpszStart, LPCSTR lpszCurrent);
/** Character classes in the ANSI code page. */
RASSHOST_API BOOL WINAPI IsCharAlphaA(CHAR ch);
RASSHOST_API BOOL WINAPI IsCharAlphaNumericA(CHAR ch);
RASSHOST_API BOOL WINAPI IsCharUpperA(CHAR ch);
RASSHOST_API BOOL WINAPI IsCharLowerA(CHAR ch);
/** wsprintfA with a va_list (same rules, same 1024-byte limit). */
RASSHOST_API int WINAPI wvsprintfA(LPSTR lpOutput, LPCSTR lpFmt, va_list arglist);

#define CharUpper CharUpperA
#define CharLower CharLowerA
#define CharUpperBuff CharUpperBuffA
#define CharLowerBuff CharLowerBuffA
#define CharNext CharNextA
#define CharPrev CharPrevA
#define IsCharAlpha IsCharAlphaA
#define IsCharAlphaNumeric IsCharAlphaNumericA
#define IsCharUpper IsCharUpperA
#define IsCharLower IsCharLowerA
#define wvsprintf wvsprintfA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_CHARACTERS_H */
