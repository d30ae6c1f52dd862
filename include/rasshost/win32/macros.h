/*
 * rasshost/win32/macros.h - the SDK's word and byte macros (windef.h,
 * minwindef.h), UNREFERENCED_PARAMETER (winnt.h), language ids for
 * FormatMessage (winnt.h), and HRESULT with SUCCEEDED and FAILED
 * (winerror.h).
 *
 * On Windows <windows.h> defines them and this header adds nothing. On
 * POSIX they are defined here once, with the SDK's definitions (strsafe.h
 * takes HRESULT from here). Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_MACROS_H
#define RASSHOST_WIN32_MACROS_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

#define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#define LOBYTE(w) ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#define HIBYTE(w) ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))
#define MAKEWORD(a, b) ((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#define MAKELONG(a, b) ((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff))) << 16))

/* The SDK writes (P); a cast to void says the same without GCC's
 * "statement has no effect". */
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))

#define MAKELANGID(p, s) ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid) ((WORD)(lgid) & 0x3ff)
#define SUBLANGID(lgid) ((WORD)(lgid) >> 10)
#define LANG_NEUTRAL 0x00
#define LANG_INVARIANT 0x7f
#define LANG_ENGLISH 0x09
#define SUBLANG_NEUTRAL 0x00
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US 0x01
#define LANG_SYSTEM_DEFAULT MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT)
#define LANG_USER_DEFAULT MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT)

#ifndef RASSHOST_HRESULT_DEFINED
#define RASSHOST_HRESULT_DEFINED
typedef LONG HRESULT;
#endif
#ifndef S_OK
#define S_OK ((HRESULT)0L)
#endif
#ifndef S_FALSE
#define S_FALSE ((HRESULT)1L)
#endif
#ifndef SUCCEEDED
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#endif
#ifndef FAILED
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#endif

#endif /* RASSHOST_WIN32_MACROS_H */
