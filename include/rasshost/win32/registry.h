/*
 * rasshost/win32/registry.h - the registry (RegOpenKeyEx ...) and
 * ExpandEnvironmentStrings, declared as <winreg.h> and <winbase.h> do.
 *
 * On POSIX the registry is one in-memory tree per process (HKEY_LOCAL_MACHINE,
 * HKEY_CURRENT_USER, HKEY_USERS; HKEY_CLASSES_ROOT and HKEY_CURRENT_CONFIG
 * are views of keys under HKEY_LOCAL_MACHINE), names case-insensitive as on
 * Windows, loaded from and saved to a .reg file (rasshost/registry.hpp).
 * Key handles are entries of the process's handle table; an invalid or
 * closed key gives ERROR_INVALID_HANDLE (docs/decisions.md#registry-keys).
 * The functions return their error code (LSTATUS) and leave GetLastError
 * alone, as Windows does. Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_REGISTRY_H
#define RASSHOST_WIN32_REGISTRY_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

typedef struct HKEY__ { int unused; } *HKEY;
typedef HKEY *PHKEY;
typedef DWORD ACCESS_MASK;
typedef ACCESS_MASK REGSAM;
typedef LONG LSTATUS;

/* The predefined keys, sign-extended on 64-bit targets as the SDK's are. */
#define HKEY_CLASSES_ROOT ((HKEY)(ULONG_PTR)((LONG)0x80000000))
#define HKEY_CURRENT_USER ((HKEY)(ULONG_PTR)((LONG)0x80000001))
#define HKEY_LOCAL_MACHINE ((HKEY)(ULONG_PTR)((LONG)0x80000002))
#define HKEY_USERS ((HKEY)(ULONG_PTR)((LONG)0x80000003))
#define HKEY_PERFORMANCE_DATA ((HKEY)(ULONG_PTR)((LONG)0x80000004))
#define HKEY_CURRENT_CONFIG ((HKEY)(ULONG_PTR)((LONG)0x80000005))
#define HKEY_DYN_DATA ((HKEY)(ULONG_PTR)((LONG)0x80000006))

/* Key access rights (winnt.h); the standard and generic rights are in
 * rasshost/win32/handles.h. */
#define KEY_QUERY_VALUE 0x0001
#define KEY_SET_VALUE 0x0002
#define KEY_CREATE_SUB_KEY 0x0004
#define KEY_ENUMERATE_SUB_KEYS 0x0008
#define KEY_NOTIFY 0x0010
#define KEY_CREATE_LINK 0x0020
#define KEY_WOW64_32KEY 0x0200
#define KEY_WOW64_64KEY 0x0100
#define KEY_WOW64_RES 0x0300
#define KEY_READ ((STANDARD_RIGHTS_READ | KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY) & (~SYNCHRONIZE))
#define KEY_WRITE ((STANDARD_RIGHTS_WRITE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY) & (~SYNCHRONIZE))
#define KEY_EXECUTE ((KEY_READ) & (~SYNCHRONIZE))
#define KEY_ALL_ACCESS                                                                                    \
    ((STANDARD_RIGHTS_ALL | KEY_QUERY_VALUE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY | KEY_ENUMERATE_SUB_KEYS | \
      KEY_NOTIFY | KEY_CREATE_LINK) &                                                                     \
     (~SYNCHRONIZE))

/* Value types (winnt.h). */
#define REG_NONE 0
#define REG_SZ 1
#define REG_EXPAND_SZ 2
#define REG_BINARY 3
#define REG_DWORD 4
#define REG_DWORD_LITTLE_ENDIAN 4
#define REG_DWORD_BIG_ENDIAN 5
#define REG_LINK 6
#define REG_MULTI_SZ 7
#define REG_RESOURCE_LIST 8
#define REG_FULL_RESOURCE_DESCRIPTOR 9
#define REG_RESOURCE_REQUIREMENTS_LIST 10
#define REG_QWORD 11
#define REG_QWORD_LITTLE_ENDIAN 11

/* RegCreateKeyEx options and dispositions. */
#define REG_OPTION_RESERVED 0x00000000L
#define REG_OPTION_NON_VOLATILE 0x00000000L
#define REG_OPTION_VOLATILE 0x00000001L
#define REG_OPTION_CREATE_LINK 0x00000002L
#define REG_OPTION_BACKUP_RESTORE 0x00000004L
#define REG_OPTION_OPEN_LINK 0x00000008L
#define REG_CREATED_NEW_KEY 0x00000001L
#define REG_OPENED_EXISTING_KEY 0x00000002L

/* RegGetValue flags. */
#define RRF_RT_REG_NONE 0x00000001
#define RRF_RT_REG_SZ 0x00000002
#define RRF_RT_REG_EXPAND_SZ 0x00000004
#define RRF_RT_REG_BINARY 0x00000008
#define RRF_RT_REG_DWORD 0x00000010
#define RRF_RT_REG_MULTI_SZ 0x00000020
#define RRF_RT_REG_QWORD 0x00000040
#define RRF_RT_DWORD (RRF_RT_REG_BINARY | RRF_RT_REG_DWORD)
#define RRF_RT_QWORD (RRF_RT_REG_BINARY | RRF_RT_REG_QWORD)
#define RRF_RT_ANY 0x0000ffff
#define RRF_SUBKEY_WOW6464KEY 0x00010000
#define RRF_SUBKEY_WOW6432KEY 0x00020000
#define RRF_WOW64_MASK 0x00030000
#define RRF_NOEXPAND 0x10000000
#define RRF_ZEROONFAILURE 0x20000000

/** Opens lpSubKey under hKey (NULL or "" opens hKey again). ERROR_FILE_NOT_FOUND
 *  for a missing key, ERROR_INVALID_HANDLE for a bad hKey; ulOptions other
 *  than 0 or REG_OPTION_OPEN_LINK is ERROR_INVALID_PARAMETER. */
RASSHOST_API LSTATUS WINAPI RegOpenKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                                          PHKEY phkResult);
RASSHOST_API LSTATUS WINAPI RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                                          PHKEY phkResult);
/** Creates or opens lpSubKey and any missing key above it; *lpdwDisposition
 *  is REG_CREATED_NEW_KEY or REG_OPENED_EXISTING_KEY. A volatile key
 *  (REG_OPTION_VOLATILE) is never saved, and cannot have a non-volatile
 *  subkey (ERROR_CHILD_MUST_BE_VOLATILE). */
RASSHOST_API LSTATUS WINAPI RegCreateKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD Reserved, LPSTR lpClass,
                                            DWORD dwOptions, REGSAM samDesired,
                                            const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                            LPDWORD lpdwDisposition);
RASSHOST_API LSTATUS WINAPI RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass,
                                            DWORD dwOptions, REGSAM samDesired,
                                            const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                            LPDWORD lpdwDisposition);
/** Reads a value (NULL or "" is the key's default value). With lpData NULL,
 *  *lpcbData receives the size; a buffer too small gives ERROR_MORE_DATA and
 *  the size. A forms give strings in the ANSI code page, their size counted
 *  in bytes of that form, terminators included as stored. */
RASSHOST_API LSTATUS WINAPI RegQueryValueExA(HKEY hKey, LPCSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType,
                                             LPBYTE lpData, LPDWORD lpcbData);
RASSHOST_API LSTATUS WINAPI RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType,
                                             LPBYTE lpData, LPDWORD lpcbData);
/** Writes a value. A string whose cbData leaves out a terminator that
 *  follows it in memory gets the terminator counted, as NT does. */
RASSHOST_API LSTATUS WINAPI RegSetValueExA(HKEY hKey, LPCSTR lpValueName, DWORD Reserved, DWORD dwType,
                                           const BYTE *lpData, DWORD cbData);
RASSHOST_API LSTATUS WINAPI RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType,
                                           const BYTE *lpData, DWORD cbData);
RASSHOST_API LSTATUS WINAPI RegDeleteValueA(HKEY hKey, LPCSTR lpValueName);
/** Deletes a key that has no subkeys; one with subkeys is ERROR_ACCESS_DENIED. */
RASSHOST_API LSTATUS WINAPI RegDeleteKeyA(HKEY hKey, LPCSTR lpSubKey);
/** The dwIndex-th subkey (in the order of their upper-case names);
 *  ERROR_NO_MORE_ITEMS past the last, ERROR_MORE_DATA if lpName is short. */
RASSHOST_API LSTATUS WINAPI RegEnumKeyExA(HKEY hKey, DWORD dwIndex, LPSTR lpName, LPDWORD lpcchName,
                                          LPDWORD lpReserved, LPSTR lpClass, LPDWORD lpcchClass,
                                          PFILETIME lpftLastWriteTime);
/** The dwIndex-th value (in the order they were created); ERROR_NO_MORE_ITEMS past the last. */
RASSHOST_API LSTATUS WINAPI RegEnumValueA(HKEY hKey, DWORD dwIndex, LPSTR lpValueName, LPDWORD lpcchValueName,
                                          LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData);
/** RegQueryValueEx with a type filter (RRF_RT_*), REG_EXPAND_SZ expanded
 *  unless RRF_NOEXPAND, strings always terminated, and RRF_ZEROONFAILURE. */
RASSHOST_API LSTATUS WINAPI RegGetValueA(HKEY hkey, LPCSTR lpSubKey, LPCSTR lpValue, DWORD dwFlags, LPDWORD pdwType,
                                         PVOID pvData, LPDWORD pcbData);
RASSHOST_API LSTATUS WINAPI RegQueryInfoKeyA(HKEY hKey, LPSTR lpClass, LPDWORD lpcchClass, LPDWORD lpReserved,
                                             LPDWORD lpcSubKeys, LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen,
                                             LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen,
                                             LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
                                             PFILETIME lpftLastWriteTime);
/** Closes a key handle; a predefined key is left open (ERROR_SUCCESS). */
RASSHOST_API LSTATUS WINAPI RegCloseKey(HKEY hKey);
/** Changes are saved to the registry file (rasshost/registry.hpp) as they are
 *  made; this retries a save that failed: ERROR_CANTWRITE while the file
 *  cannot be written, else ERROR_SUCCESS (also when there is no file). */
RASSHOST_API LSTATUS WINAPI RegFlushKey(HKEY hKey);

/* The Win16-style calls: the default value of a subkey, always REG_SZ. */
RASSHOST_API LSTATUS WINAPI RegOpenKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult);
RASSHOST_API LSTATUS WINAPI RegCreateKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult);
RASSHOST_API LSTATUS WINAPI RegQueryValueA(HKEY hKey, LPCSTR lpSubKey, LPSTR lpData, PLONG lpcbData);
RASSHOST_API LSTATUS WINAPI RegSetValueA(HKEY hKey, LPCSTR lpSubKey, DWORD dwType, LPCSTR lpData, DWORD cbData);

/** Replaces each %NAME% by the environment variable NAME (its name's case
 *  ignored); an unknown one stays as written. Returns the characters of the
 *  result with its NUL; when nSize is smaller, that size and lpDst is not a
 *  complete result. 0 on failure. */
RASSHOST_API DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR lpSrc, LPSTR lpDst, DWORD nSize);
RASSHOST_API DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize);

/* Generic names: the ANSI forms (docs/decisions.md#ansi-only). */
#define RegOpenKeyEx RegOpenKeyExA
#define RegCreateKeyEx RegCreateKeyExA
#define RegQueryValueEx RegQueryValueExA
#define RegSetValueEx RegSetValueExA
#define RegDeleteValue RegDeleteValueA
#define RegDeleteKey RegDeleteKeyA
#define RegEnumKeyEx RegEnumKeyExA
#define RegEnumValue RegEnumValueA
#define RegGetValue RegGetValueA
#define RegQueryInfoKey RegQueryInfoKeyA
#define RegOpenKey RegOpenKeyA
#define RegCreateKey RegCreateKeyA
#define RegQueryValue RegQueryValueA
#define RegSetValue RegSetValueA
#define ExpandEnvironmentStrings ExpandEnvironmentStringsA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_REGISTRY_H */
