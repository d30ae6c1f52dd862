/*
 * rasshost/win32/text.h - code pages: MultiByteToWideChar,
 * WideCharToMultiByte, GetACP, GetOEMCP (winnls.h on Windows).
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX the known code pages are 1252 (Windows-1252), 437 (the US OEM code
 * page), CP_UTF8 and CP_UTF7; CP_ACP is the configurable ANSI code page
 * (rasshost/code_page.hpp, 1252 by default) and CP_OEMCP is 437. WCHAR is
 * the platform's wchar_t: 32 bits on Linux, so a character beyond U+FFFF
 * is one WCHAR where Windows counts two UTF-16 units. Single-byte output
 * makes no "best fit" (as with WC_NO_BEST_FIT_CHARS on Windows): a
 * character the code page lacks becomes the default character
 * (docs/decisions.md#ansi-code-page). Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_TEXT_H
#define RASSHOST_WIN32_TEXT_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

#define CP_ACP 0u
#define CP_OEMCP 1u
#define CP_MACCP 2u
#define CP_THREAD_ACP 3u
#define CP_SYMBOL 42u
#define CP_UTF7 65000u
#define CP_UTF8 65001u

#define MB_PRECOMPOSED 0x00000001u
#define MB_COMPOSITE 0x00000002u
#define MB_USEGLYPHCHARS 0x00000004u
#define MB_ERR_INVALID_CHARS 0x00000008u

#define WC_DISCARDNS 0x00000010u
#define WC_SEPCHARS 0x00000020u
#define WC_DEFAULTCHAR 0x00000040u
#define WC_ERR_INVALID_CHARS 0x00000080u
#define WC_COMPOSITECHECK 0x00000200u
#define WC_NO_BEST_FIT_CHARS 0x00000400u

/** The ANSI code page (1252 unless rasshost::set_ansi_code_page chose another). */
RASSHOST_API UINT WINAPI GetACP(void);
/** The OEM code page: 437. */
RASSHOST_API UINT WINAPI GetOEMCP(void);
/** TRUE for CP 1252, 437, 65000 and 65001. */
RASSHOST_API BOOL WINAPI IsValidCodePage(UINT CodePage);

/** Converts cbMultiByte bytes (-1: up to and with the NUL) into wide
 *  characters. Returns the WCHARs written, or, with cchWideChar 0, the
 *  WCHARs needed. 0 on failure: ERROR_INVALID_PARAMETER (NULL input, a
 *  length of 0, NULL output with a size, a negative size, an unknown code
 *  page), ERROR_INVALID_FLAGS (CP_UTF8 allows only MB_ERR_INVALID_CHARS,
 *  CP_UTF7 none), ERROR_INSUFFICIENT_BUFFER, ERROR_NO_UNICODE_TRANSLATION
 *  (malformed UTF-8 with MB_ERR_INVALID_CHARS; without it each malformed
 *  sequence becomes U+FFFD). */
RASSHOST_API int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCSTR lpMultiByteStr, int cbMultiByte,
                                            LPWSTR lpWideCharStr, int cchWideChar);
/** Converts cchWideChar WCHARs (-1: up to and with the NUL) into the code
 *  page. Returns the bytes written, or needed with cbMultiByte 0. A
 *  character a single-byte code page lacks becomes lpDefaultChar[0] ('?'
 *  when NULL) and sets *lpUsedDefaultChar. The same failures as
 *  MultiByteToWideChar; for CP_UTF8 and CP_UTF7 lpDefaultChar and
 *  lpUsedDefaultChar must be NULL (ERROR_INVALID_PARAMETER), CP_UTF8 allows
 *  only WC_ERR_INVALID_CHARS, which single-byte pages refuse. */
RASSHOST_API int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWSTR lpWideCharStr, int cchWideChar,
                                            LPSTR lpMultiByteStr, int cbMultiByte, LPCSTR lpDefaultChar,
                                            LPBOOL lpUsedDefaultChar);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_TEXT_H */
