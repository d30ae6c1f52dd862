/*
 * rasshost/strsafe.h - the StringCch and StringCb functions of the SDK's
 * <strsafe.h> that legacy code uses: Copy, CopyN, Cat, CatN, Printf, VPrintf
 * and Length, A forms (and W forms but Printf), inline as in the SDK.
 *
 * On Windows this is the SDK's <strsafe.h>. On POSIX the semantics are the
 * SDK's: a destination of 0 characters, or more than STRSAFE_MAX_CCH, is
 * STRSAFE_E_INVALID_PARAMETER and left untouched; otherwise the result is
 * always NUL-terminated, and a source that does not fit is truncated with
 * STRSAFE_E_INSUFFICIENT_BUFFER. Cat and Length need a destination (string)
 * terminated within its size, or fail with STRSAFE_E_INVALID_PARAMETER.
 * Generic names map to the A forms (docs/decisions.md#strsafe).
 * Valid C89/C99 and C++98 with GCC or Clang.
 */
#ifndef RASSHOST_STRSAFE_H
#define RASSHOST_STRSAFE_H

#include "config.h"

#if RASSHOST_OS_WINDOWS
#  include <strsafe.h>
#else

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>
#include "win32.h"

#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)
#  define STRSAFEAPI static inline HRESULT
#else
#  define STRSAFEAPI static __inline__ HRESULT /* C89: GCC's spelling */
#endif

RASSHOST_EXTERN_C_BEGIN

/* HRESULT, S_OK, SUCCEEDED and FAILED come from win32.h (win32/macros.h). */

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007A)
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057)
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026)

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef wchar_t *STRSAFE_LPWSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;

/* ---- the workers: sizes in characters, already checked against the maximum ---- */

STRSAFEAPI RasshostStringCopyNA(STRSAFE_LPSTR dest, size_t cch_dest, STRSAFE_LPCSTR src, size_t cch_src)
{
    if (cch_dest == 0) return STRSAFE_E_INVALID_PARAMETER;
    while (cch_dest && cch_src && *src != '\0') {
        *dest++ = *src++;
        --cch_dest;
        --cch_src;
    }
    if (cch_dest == 0) {  /* no room for the terminator: truncate */
        dest[-1] = '\0';
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    *dest = '\0';
    return S_OK;
}

STRSAFEAPI RasshostStringCopyNW(STRSAFE_LPWSTR dest, size_t cch_dest, STRSAFE_LPCWSTR src, size_t cch_src)
{
    if (cch_dest == 0) return STRSAFE_E_INVALID_PARAMETER;
    while (cch_dest && cch_src && *src != L'\0') {
        *dest++ = *src++;
        --cch_dest;
        --cch_src;
    }
    if (cch_dest == 0) {
        dest[-1] = L'\0';
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    *dest = L'\0';
    return S_OK;
}

STRSAFEAPI RasshostStringLengthA(STRSAFE_LPCSTR s, size_t cch_max, size_t *pcch)
{
    size_t n = 0;
    while (n < cch_max && s[n] != '\0') ++n;
    if (pcch) *pcch = n < cch_max ? n : 0;
    return n < cch_max ? S_OK : STRSAFE_E_INVALID_PARAMETER;
}

STRSAFEAPI RasshostStringLengthW(STRSAFE_LPCWSTR s, size_t cch_max, size_t *pcch)
{
    size_t n = 0;
    while (n < cch_max && s[n] != L'\0') ++n;
    if (pcch) *pcch = n < cch_max ? n : 0;
    return n < cch_max ? S_OK : STRSAFE_E_INVALID_PARAMETER;
}

STRSAFEAPI RasshostStringCatNA(STRSAFE_LPSTR dest, size_t cch_dest, STRSAFE_LPCSTR src, size_t cch_src)
{
    size_t used;
    HRESULT hr = RasshostStringLengthA(dest, cch_dest, &used);
    return SUCCEEDED(hr) ? RasshostStringCopyNA(dest + used, cch_dest - used, src, cch_src) : hr;
}

STRSAFEAPI RasshostStringCatNW(STRSAFE_LPWSTR dest, size_t cch_dest, STRSAFE_LPCWSTR src, size_t cch_src)
{
    size_t used;
    HRESULT hr = RasshostStringLengthW(dest, cch_dest, &used);
    return SUCCEEDED(hr) ? RasshostStringCopyNW(dest + used, cch_dest - used, src, cch_src) : hr;
}

STRSAFEAPI RasshostStringVPrintfA(STRSAFE_LPSTR dest, size_t cch_dest, STRSAFE_LPCSTR format, va_list args)
{
    int written;
    if (cch_dest == 0) return STRSAFE_E_INVALID_PARAMETER;
    /* __builtin_vsnprintf: C89 headers do not declare vsnprintf. */
    written = __builtin_vsnprintf(dest, cch_dest, format, args);
    if (written < 0 || (size_t)written >= cch_dest) {
        dest[cch_dest - 1] = '\0';
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    return S_OK;
}

/* ---- StringCch: sizes in characters ---- */

STRSAFEAPI StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringCopyNA(pszDest, cchDest, pszSrc, (size_t)-1); }
STRSAFEAPI StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringCopyNW(pszDest, cchDest, pszSrc, (size_t)-1); }
STRSAFEAPI StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc, size_t cchToCopy)
{
    return cchDest > STRSAFE_MAX_CCH || cchToCopy > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER
                                                                     : RasshostStringCopyNA(pszDest, cchDest, pszSrc, cchToCopy);
}
STRSAFEAPI StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc, size_t cchToCopy)
{
    return cchDest > STRSAFE_MAX_CCH || cchToCopy > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER
                                                                     : RasshostStringCopyNW(pszDest, cchDest, pszSrc, cchToCopy);
}
STRSAFEAPI StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringCatNA(pszDest, cchDest, pszSrc, (size_t)-1); }
STRSAFEAPI StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringCatNW(pszDest, cchDest, pszSrc, (size_t)-1); }
STRSAFEAPI StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc, size_t cchToAppend)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringCatNA(pszDest, cchDest, pszSrc, cchToAppend); }
STRSAFEAPI StringCchCatNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc, size_t cchToAppend)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringCatNW(pszDest, cchDest, pszSrc, cchToAppend); }
STRSAFEAPI StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, va_list argList)
{ return cchDest > STRSAFE_MAX_CCH ? STRSAFE_E_INVALID_PARAMETER : RasshostStringVPrintfA(pszDest, cchDest, pszFormat, argList); }
STRSAFEAPI StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...)
{
    HRESULT hr;
    va_list args;
    if (cchDest > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
    va_start(args, pszFormat);
    hr = RasshostStringVPrintfA(pszDest, cchDest, pszFormat, args);
    va_end(args);
    return hr;
}
STRSAFEAPI StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t *pcchLength)
{
    if (!psz || cchMax > STRSAFE_MAX_CCH) {
        if (pcchLength) *pcchLength = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return RasshostStringLengthA(psz, cchMax, pcchLength);
}
STRSAFEAPI StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t *pcchLength)
{
    if (!psz || cchMax > STRSAFE_MAX_CCH) {
        if (pcchLength) *pcchLength = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return RasshostStringLengthW(psz, cchMax, pcchLength);
}

/* ---- StringCb: sizes in bytes (a W form uses the whole characters that fit) ---- */

STRSAFEAPI StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{ return StringCchCopyA(pszDest, cbDest, pszSrc); }
STRSAFEAPI StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{ return StringCchCopyW(pszDest, cbDest / sizeof(wchar_t), pszSrc); }
STRSAFEAPI StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc, size_t cbToCopy)
{ return StringCchCopyNA(pszDest, cbDest, pszSrc, cbToCopy); }
STRSAFEAPI StringCbCopyNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc, size_t cbToCopy)
{ return StringCchCopyNW(pszDest, cbDest / sizeof(wchar_t), pszSrc, cbToCopy / sizeof(wchar_t)); }
STRSAFEAPI StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{ return StringCchCatA(pszDest, cbDest, pszSrc); }
STRSAFEAPI StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{ return StringCchCatW(pszDest, cbDest / sizeof(wchar_t), pszSrc); }
STRSAFEAPI StringCbCatNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc, size_t cbToAppend)
{ return StringCchCatNA(pszDest, cbDest, pszSrc, cbToAppend); }
STRSAFEAPI StringCbCatNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc, size_t cbToAppend)
{ return StringCchCatNW(pszDest, cbDest / sizeof(wchar_t), pszSrc, cbToAppend / sizeof(wchar_t)); }
STRSAFEAPI StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, va_list argList)
{ return StringCchVPrintfA(pszDest, cbDest, pszFormat, argList); }
STRSAFEAPI StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...)
{
    HRESULT hr;
    va_list args;
    if (cbDest > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
    va_start(args, pszFormat);
    hr = RasshostStringVPrintfA(pszDest, cbDest, pszFormat, args);
    va_end(args);
    return hr;
}
/* The byte length: twice (four times) the character length for W. */
STRSAFEAPI StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t *pcbLength)
{ return StringCchLengthA(psz, cbMax, pcbLength); }
STRSAFEAPI StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t *pcbLength)
{
    size_t cch = 0;
    HRESULT hr = StringCchLengthW(psz, cbMax / sizeof(wchar_t), &cch);
    if (pcbLength) *pcbLength = cch * sizeof(wchar_t);
    return hr;
}

RASSHOST_EXTERN_C_END

/* Generic names: POSIX builds are ANSI. */
#define StringCchCopy StringCchCopyA
#define StringCchCopyN StringCchCopyNA
#define StringCchCat StringCchCatA
#define StringCchCatN StringCchCatNA
#define StringCchPrintf StringCchPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCchLength StringCchLengthA
#define StringCbCopy StringCbCopyA
#define StringCbCopyN StringCbCopyNA
#define StringCbCat StringCbCatA
#define StringCbCatN StringCbCatNA
#define StringCbPrintf StringCbPrintfA
#define StringCbVPrintf StringCbVPrintfA
#define StringCbLength StringCbLengthA

#endif /* RASSHOST_OS_WINDOWS */
#endif /* RASSHOST_STRSAFE_H */
