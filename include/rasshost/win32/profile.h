/*
 * rasshost/win32/profile.h - INI files (GetPrivateProfileStringA ...).
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX they read and write the file with Windows' rules: sections and keys
 * in any letter case, surrounding quotes removed, a file name without a
 * directory found in the Windows directory (C:\WINDOWS), and the return
 * values Microsoft documents on truncation. A parsed file is cached and
 * read again when its time or size changes (docs/decisions.md#ini-files).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_PROFILE_H
#define RASSHOST_WIN32_PROFILE_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

/** The value of lpKeyName in section lpAppName, else lpDefault (trailing
 *  spaces removed; NULL is ""). lpKeyName NULL: the section's key names,
 *  lpAppName NULL: the section names, each terminated, the list ending with
 *  a second NUL. Returns the characters stored without the terminator;
 *  truncated: nSize - 1 (nSize - 2 for a list). */
RASSHOST_API DWORD WINAPI GetPrivateProfileStringA(LPCSTR lpAppName, LPCSTR lpKeyName, LPCSTR lpDefault,
                                                   LPSTR lpReturnedString, DWORD nSize, LPCSTR lpFileName);
RASSHOST_API DWORD WINAPI GetPrivateProfileStringW(LPCWSTR lpAppName, LPCWSTR lpKeyName, LPCWSTR lpDefault,
                                                   LPWSTR lpReturnedString, DWORD nSize, LPCWSTR lpFileName);
/** The value as an integer (decimal, or hexadecimal after 0x), nDefault when
 *  the key is missing or empty. */
RASSHOST_API UINT WINAPI GetPrivateProfileIntA(LPCSTR lpAppName, LPCSTR lpKeyName, INT nDefault,
                                               LPCSTR lpFileName);
RASSHOST_API UINT WINAPI GetPrivateProfileIntW(LPCWSTR lpAppName, LPCWSTR lpKeyName, INT nDefault,
                                               LPCWSTR lpFileName);
/** The section's key=value lines, each terminated, ending with a second NUL;
 *  truncated: nSize - 2. */
RASSHOST_API DWORD WINAPI GetPrivateProfileSectionA(LPCSTR lpAppName, LPSTR lpReturnedString, DWORD nSize,
                                                    LPCSTR lpFileName);
/** Sets a value (creating the file, section and key as needed); lpString
 *  NULL deletes the key, lpKeyName NULL the whole section. The file's other
 *  lines are kept as they are. */
RASSHOST_API BOOL WINAPI WritePrivateProfileStringA(LPCSTR lpAppName, LPCSTR lpKeyName, LPCSTR lpString,
                                                    LPCSTR lpFileName);
RASSHOST_API BOOL WINAPI WritePrivateProfileStringW(LPCWSTR lpAppName, LPCWSTR lpKeyName, LPCWSTR lpString,
                                                    LPCWSTR lpFileName);
/** GetPrivateProfileStringA of win.ini in the Windows directory. */
RASSHOST_API DWORD WINAPI GetProfileStringA(LPCSTR lpAppName, LPCSTR lpKeyName, LPCSTR lpDefault,
                                          LPSTR lpReturnedString, DWORD nSize);

#define GetPrivateProfileString GetPrivateProfileStringA
#define GetPrivateProfileInt GetPrivateProfileIntA
#define GetPrivateProfileSection GetPrivateProfileSectionA
#define WritePrivateProfileString WritePrivateProfileStringA
#define GetProfileString GetProfileStringA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_PROFILE_H */
