/*
 * rasshost/win32/system.h - facts about the machine and the process: the
 * computer and user names, the Windows version, the processor, the
 * environment, and the debugging aids DebugBreak and IsBad...Ptr.
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX (docs/decisions.md#system-facts): the computer name is the host
 * name as Windows' NetBIOS name is made of it; the version is a configured
 * one (rasshost/system_version.hpp; Windows 2000 SP4 unless told); the
 * environment is a process-private copy of environ.
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_SYSTEM_H
#define RASSHOST_WIN32_SYSTEM_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

#define MAX_COMPUTERNAME_LENGTH 15

typedef struct _OSVERSIONINFOA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
} OSVERSIONINFOA, *POSVERSIONINFOA, *LPOSVERSIONINFOA;

typedef struct _OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXA, *POSVERSIONINFOEXA, *LPOSVERSIONINFOEXA;

typedef OSVERSIONINFOA OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXA OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;

#define VER_PLATFORM_WIN32s 0
#define VER_PLATFORM_WIN32_WINDOWS 1
#define VER_PLATFORM_WIN32_NT 2
#define VER_NT_WORKSTATION 0x0000001
#define VER_NT_DOMAIN_CONTROLLER 0x0000002
#define VER_NT_SERVER 0x0000003
#define VER_SUITE_SMALLBUSINESS 0x00000001
#define VER_SUITE_ENTERPRISE 0x00000002
#define VER_SUITE_BACKOFFICE 0x00000004
#define VER_SUITE_TERMINAL 0x00000010
#define VER_SUITE_DATACENTER 0x00000080
#define VER_SUITE_SINGLEUSERTS 0x00000100
#define VER_SUITE_PERSONAL 0x00000200

/* The SDK names the first members through a nameless union and struct; a
 * GNU extension in C89 and C++98 (win32.h's LARGE_INTEGER does the same).
 * Other compilers see them as u.s.wProcessorArchitecture and u.dwOemId. */
typedef struct _SYSTEM_INFO {
#if defined(__GNUC__)
    __extension__ union {
        DWORD dwOemId;
        __extension__ struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        };
    };
#else
    union {
        DWORD dwOemId;
        struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        } s;
    } u;
#endif
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress;
    LPVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;

#define PROCESSOR_ARCHITECTURE_INTEL 0
#define PROCESSOR_ARCHITECTURE_ARM 5
#define PROCESSOR_ARCHITECTURE_IA64 6
#define PROCESSOR_ARCHITECTURE_AMD64 9
#define PROCESSOR_ARCHITECTURE_ARM64 12
#define PROCESSOR_ARCHITECTURE_UNKNOWN 0xFFFF
#define PROCESSOR_INTEL_386 386
#define PROCESSOR_INTEL_486 486
#define PROCESSOR_INTEL_PENTIUM 586
#define PROCESSOR_INTEL_IA64 2200
#define PROCESSOR_AMD_X8664 8664

/** The computer's NetBIOS name: the host name up to its first dot,
 *  upper-cased, at most MAX_COMPUTERNAME_LENGTH (15) characters. *nSize is
 *  the buffer's size in characters; on success it becomes the length
 *  without the NUL. Too small: FALSE, ERROR_BUFFER_OVERFLOW, and *nSize
 *  the size needed with the NUL. */
RASSHOST_API BOOL WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize);
RASSHOST_API BOOL WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize);
/** The name of the user the process runs as (at most UNLEN, lmcons.h).
 *  *pcbBuffer becomes the length WITH the NUL on success; too small:
 *  FALSE, ERROR_INSUFFICIENT_BUFFER and the size needed. */
RASSHOST_API BOOL WINAPI GetUserNameA(LPSTR lpBuffer, LPDWORD pcbBuffer);
/** The configured Windows version (rasshost/system_version.hpp), in an
 *  OSVERSIONINFOA or OSVERSIONINFOEXA chosen by dwOSVersionInfoSize; any
 *  other size: FALSE with ERROR_INSUFFICIENT_BUFFER. */
RASSHOST_API BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation);
/** The same version packed as GetVersion does: major in the low byte,
 *  minor in the next, the build in the high word. */
RASSHOST_API DWORD WINAPI GetVersion(void);
/** The processor and memory facts: the real processor count, the page
 *  size, an allocation granularity of 64 KiB. */
RASSHOST_API void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);
/** A variable's value (names compare case-insensitively). nSize counts
 *  characters with the NUL: when the value fits, its length without the
 *  NUL; when not, the size needed with it (the buffer untouched). Not
 *  set: 0 with ERROR_ENVVAR_NOT_FOUND. */
RASSHOST_API DWORD WINAPI GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize);
/** Sets a variable; a NULL value deletes it (deleting an unset one fails
 *  with ERROR_ENVVAR_NOT_FOUND). An empty name or one with '=' after its
 *  first character fails with ERROR_INVALID_PARAMETER. */
RASSHOST_API BOOL WINAPI SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue);
/** Raises SIGTRAP: a debugger stops there; without one the process ends
 *  with a core dump, as an unhandled breakpoint ends a Windows process. */
RASSHOST_API void WINAPI DebugBreak(void);
/** Whether some of the ucb bytes at lp cannot be read, found without
 *  faulting (the kernel probes them). ucb 0: FALSE, even for NULL. */
RASSHOST_API BOOL WINAPI IsBadReadPtr(const void *lp, UINT_PTR ucb);
/** Whether some of the ucb bytes at lp cannot be written; each page's
 *  first byte is rewritten with its own value, as Windows does. */
RASSHOST_API BOOL WINAPI IsBadWritePtr(LPVOID lp, UINT_PTR ucb);

#define GetComputerName GetComputerNameA
#define GetUserName GetUserNameA
#define GetVersionEx GetVersionExA
#define GetEnvironmentVariable GetEnvironmentVariableA
#define SetEnvironmentVariable SetEnvironmentVariableA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_SYSTEM_H */
