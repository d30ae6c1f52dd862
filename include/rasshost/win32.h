/*
 * rasshost/win32.h - the Win32 subset that RAS security DLLs use.
 *
 * On Windows this is <windows.h>. On POSIX it declares the types, macros and
 * functions below with Win32's names, values, return codes and GetLastError
 * codes, implemented by the rasshost library (src/posix/). Handles are
 * opaque entries of one process-wide table: an invalid, closed or wrong-kind
 * handle fails with ERROR_INVALID_HANDLE and never crashes.
 *
 * Character set: POSIX builds are ANSI. TCHAR is CHAR, the unsuffixed names
 * map to the ...A functions, and WCHAR is the platform's wchar_t (32 bits on
 * Linux, not UTF-16), so L"..." literals work with the ...W functions.
 *
 * Valid C89/C99 and C++98; safe inside an extern "C" { } block.
 */
#ifndef RASSHOST_WIN32_H
#define RASSHOST_WIN32_H

#include "config.h"

#if RASSHOST_OS_WINDOWS
/* winsock2.h includes windows.h and keeps the old winsock.h out; after a
 * plain windows.h, Asio and any other Winsock 2 user refuse to compile. */
#  include <winsock2.h>
#  include <windows.h>
#else

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>
#include "winerror.h"

RASSHOST_EXTERN_C_BEGIN

/* ---- calling conventions and annotations: empty on POSIX ----
 * (docs/decisions.md#calling-convention-and-linkage) */
#ifndef WINAPI
#define WINAPI
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef STRICT
#define STRICT 1
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif

/* ---- base types: widths as on Windows (DWORD is 32 bits on LP64) ---- */
typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef unsigned int DWORD, *PDWORD, *LPDWORD;
typedef int INT, *PINT, *LPINT;
typedef unsigned int UINT, *PUINT;
typedef int LONG, *PLONG, *LPLONG;
typedef unsigned int ULONG, *PULONG;
typedef short SHORT;
typedef unsigned short USHORT;
typedef unsigned char UCHAR, *PUCHAR;
typedef uint64_t ULONGLONG, DWORD64;
typedef int64_t LONGLONG;
typedef intptr_t INT_PTR, LONG_PTR;
typedef uintptr_t UINT_PTR, ULONG_PTR, DWORD_PTR;
typedef size_t SIZE_T;
typedef char CHAR, *PCHAR, *PSTR, *LPSTR;
typedef const char *PCSTR, *LPCSTR;
typedef wchar_t WCHAR, *PWSTR, *LPWSTR;
typedef const wchar_t *PCWSTR, *LPCWSTR;
typedef CHAR TCHAR, *PTSTR, *LPTSTR;
typedef const CHAR *PCTSTR, *LPCTSTR;
typedef void *PVOID, *LPVOID;
typedef const void *LPCVOID;
typedef void *HANDLE, **PHANDLE, **LPHANDLE;
typedef HANDLE HLOCAL;
typedef struct HINSTANCE__ { int unused; } *HINSTANCE;
typedef HINSTANCE HMODULE;
typedef INT_PTR (WINAPI *FARPROC)();

RASSHOST_STATIC_ASSERT(sizeof(DWORD) == 4, dword_is_32_bits);
RASSHOST_STATIC_ASSERT(sizeof(WORD) == 2, word_is_16_bits);
RASSHOST_STATIC_ASSERT(sizeof(HANDLE) == sizeof(void *), handle_is_pointer_sized);

typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

/* 64-bit values as the SDK lays them out (winnt.h, minwinbase.h). The
 * nameless member (LowPart and HighPart directly) needs a GNU extension in
 * C89/C99 and C++98; u.LowPart and u.HighPart are always there. */
#if defined(__GNUC__)
#define RASSHOST_NAMELESS_PARTS(low_type, high_type) __extension__ struct { low_type LowPart; high_type HighPart; };
#else
#define RASSHOST_NAMELESS_PARTS(low_type, high_type)
#endif
typedef union _LARGE_INTEGER {
    RASSHOST_NAMELESS_PARTS(DWORD, LONG)
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
    RASSHOST_NAMELESS_PARTS(DWORD, DWORD)
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;
/* 100 ns intervals since 1601-01-01 UTC. */
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef DWORD (WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;

/* ---- constants ---- */
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#define MAX_PATH 260
#define INFINITE 0xFFFFFFFFu
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#define MAXIMUM_WAIT_OBJECTS 64
#define WAIT_OBJECT_0 0x00000000u
#define WAIT_ABANDONED 0x00000080u
#define WAIT_ABANDONED_0 0x00000080u
#define WAIT_FAILED 0xFFFFFFFFu
#define STILL_ACTIVE 259
#define CREATE_SUSPENDED 0x00000004u
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000u
#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3
#define HEAP_NO_SERIALIZE 0x00000001u
#define HEAP_GENERATE_EXCEPTIONS 0x00000004u
#define HEAP_ZERO_MEMORY 0x00000008u
#define LMEM_FIXED 0x0000u
#define LMEM_MOVEABLE 0x0002u
#define LMEM_ZEROINIT 0x0040u
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)

/* ---- text macros (ANSI build) ---- */
#define __TEXT(quote) quote
#define TEXT(quote) __TEXT(quote)

/* ---- memory macros, as <windows.h> defines them ---- */
#define MoveMemory(Destination, Source, Length) memmove((Destination), (Source), (Length))
#define CopyMemory(Destination, Source, Length) memcpy((Destination), (Source), (Length))
#define FillMemory(Destination, Length, Fill) memset((Destination), (Fill), (Length))
#define ZeroMemory(Destination, Length) memset((Destination), 0, (Length))

/* ---- errors (thread-local, as on Windows) ---- */

/** The calling thread's last-error code. */
RASSHOST_API DWORD WINAPI GetLastError(void);
/** Sets the calling thread's last-error code. */
RASSHOST_API void WINAPI SetLastError(DWORD dwErrCode);

/* ---- events and waits ---- */

/** Creates an event. A NULL or empty lpName makes an unnamed one; a name
 *  puts it in the process's namespace of named objects
 *  (rasshost/win32/named_objects.h): an existing event of that name is
 *  returned, with GetLastError() == ERROR_ALREADY_EXISTS and the other
 *  arguments ignored; another kind's name fails with ERROR_INVALID_HANDLE.
 *  GetLastError() is ERROR_SUCCESS after creating. Returns NULL on failure. */
RASSHOST_API HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                                        BOOL bInitialState, LPCSTR lpName);
/** CreateEventA with a wide name (same rules). */
RASSHOST_API HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                                        BOOL bInitialState, LPCWSTR lpName);
/** Signals an event: a manual-reset event releases every waiter and stays
 *  set; an auto-reset event releases exactly one waiter (or stays set until
 *  one comes). FALSE + ERROR_INVALID_HANDLE for a handle that is not an event. */
RASSHOST_API BOOL WINAPI SetEvent(HANDLE hEvent);
/** Unsignals an event. */
RASSHOST_API BOOL WINAPI ResetEvent(HANDLE hEvent);
/** Releases the threads waiting now (all for manual-reset, one for
 *  auto-reset) and leaves the event unsignalled. */
RASSHOST_API BOOL WINAPI PulseEvent(HANDLE hEvent);
/** Waits for an event or a thread. Returns WAIT_OBJECT_0, WAIT_TIMEOUT, or
 *  WAIT_FAILED (GetLastError: ERROR_INVALID_HANDLE). Timeouts run on the
 *  monotonic clock; INFINITE waits forever; 0 only tests the state. */
RASSHOST_API DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
/** Waits for any (bWaitAll FALSE: returns WAIT_OBJECT_0 + lowest signalled
 *  index) or all (atomically: all auto-reset events are taken at once or
 *  none) of 1..MAXIMUM_WAIT_OBJECTS handles. A count of 0 or above 64, or a
 *  NULL array, fails with ERROR_INVALID_PARAMETER; a bad handle with
 *  ERROR_INVALID_HANDLE. */
RASSHOST_API DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                                 DWORD dwMilliseconds);
/** Closes an event, thread or heap-less handle. A thread keeps running when
 *  its handle is closed; waiters keep the object alive. */
RASSHOST_API BOOL WINAPI CloseHandle(HANDLE hObject);

/* ---- time ---- */

/** Suspends the calling thread for dwMilliseconds (INFINITE: forever). */
RASSHOST_API void WINAPI Sleep(DWORD dwMilliseconds);
/** Milliseconds of the monotonic clock, wrapping at 2^32 (about 49.7 days). */
RASSHOST_API DWORD WINAPI GetTickCount(void);
/** Milliseconds of the monotonic clock, 64 bits. */
RASSHOST_API ULONGLONG WINAPI GetTickCount64(void);

/* ---- threads ---- */

/** Starts lpStartAddress(lpParameter) on a new thread. Returns a waitable
 *  handle (signalled when the thread ends) and stores the id in *lpThreadId
 *  if not NULL. dwCreationFlags may hold CREATE_SUSPENDED (start with
 *  ResumeThread) and STACK_SIZE_PARAM_IS_A_RESERVATION; others fail with
 *  ERROR_INVALID_PARAMETER. */
RASSHOST_API HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                                        LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                                        DWORD dwCreationFlags, LPDWORD lpThreadId);
/** Starts a thread created with CREATE_SUSPENDED. Returns the previous
 *  suspend count (1, then 0), or (DWORD)-1 on failure. */
RASSHOST_API DWORD WINAPI ResumeThread(HANDLE hThread);
/** The calling thread's id (nonzero, unique among live threads). */
RASSHOST_API DWORD WINAPI GetCurrentThreadId(void);
/** Ends the calling thread with dwExitCode. On a thread not made by
 *  CreateThread it ends that thread too (pthread_exit). */
#if defined(__cplusplus) && __cplusplus >= 201103L
[[noreturn]]
#endif
RASSHOST_API void WINAPI ExitThread(DWORD dwExitCode);
/** STILL_ACTIVE while the thread runs, then its exit code. */
RASSHOST_API BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);

/* ---- memory ---- */

/** The process heap (HeapCreate makes others: rasshost/win32/memory.h). */
RASSHOST_API HANDLE WINAPI GetProcessHeap(void);
/** Allocates dwBytes (HEAP_ZERO_MEMORY zeroes them). NULL on failure with
 *  ERROR_NOT_ENOUGH_MEMORY, or ERROR_INVALID_HANDLE for a bad heap. */
RASSHOST_API LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
/** Frees a HeapAlloc block. NULL lpMem is a successful no-op. */
RASSHOST_API BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
/** Allocates fixed (LMEM_FIXED, LPTR: the handle is the block) or moveable
 *  (LMEM_MOVEABLE, LHND: lock it with LocalLock) memory; LMEM_ZEROINIT zeroes
 *  it. Other flags fail with ERROR_INVALID_PARAMETER. */
RASSHOST_API HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
/** Frees LocalAlloc memory; returns NULL on success. */
RASSHOST_API HLOCAL WINAPI LocalFree(HLOCAL hMem);
/** Zeroes memory in a way the optimiser cannot remove (for secrets). */
RASSHOST_API PVOID WINAPI SecureZeroMemory(PVOID ptr, SIZE_T cnt);

/* ---- strings (ANSI), with Win32's NULL handling ---- */

RASSHOST_API LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
/** Copies at most iMaxLength-1 characters and always terminates. */
RASSHOST_API LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
RASSHOST_API LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2);
/** Length in characters; 0 for NULL. */
RASSHOST_API int WINAPI lstrlenA(LPCSTR lpString);
RASSHOST_API int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
RASSHOST_API int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);
/** Win32's wsprintf: at most 1024 bytes written including the NUL, 'l' means
 *  32 bits as on Windows, no floating point. Returns the characters stored. */
RASSHOST_API int WINAPIV wsprintfA(LPSTR lpOut, LPCSTR lpFmt, ...);

#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat lstrcatA
#define lstrlen lstrlenA
#define lstrcmp lstrcmpA
#define lstrcmpi lstrcmpiA
#define wsprintf wsprintfA

/* ---- modules ---- */

/** Loads a module. "rasman.dll" in any letter case, with or without a path
 *  or extension, yields the host's pseudo-module. Other names go
 *  to dlopen: the name as given, then lib<name>.so. DllMain, if exported, is
 *  called with DLL_PROCESS_ATTACH on the first load. NULL on
 *  failure with ERROR_MOD_NOT_FOUND or ERROR_DLL_INIT_FAILED
 *  (docs/decisions.md#module-handles, docs/decisions.md#dllmain). */
RASSHOST_API HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName);
/** LoadLibraryA with a wide name. */
RASSHOST_API HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName);
/** An exported function, or NULL with ERROR_PROC_NOT_FOUND (or
 *  ERROR_INVALID_HANDLE for a bad module). */
RASSHOST_API FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName);
/** Drops one reference; the last one calls DllMain(DLL_PROCESS_DETACH) and
 *  unloads. */
RASSHOST_API BOOL WINAPI FreeLibrary(HMODULE hLibModule);
/** A loaded module by name without adding a reference; NULL names the main
 *  program. */
RASSHOST_API HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName);

/* ---- diagnostics ---- */

/** Sends a string to the host's debug log (off by default). */
RASSHOST_API void WINAPI OutputDebugStringA(LPCSTR lpOutputString);
RASSHOST_API void WINAPI OutputDebugStringW(LPCWSTR lpOutputString);

#define CreateEvent CreateEventA
#define LoadLibrary LoadLibraryA
#define GetModuleHandle GetModuleHandleA
#define OutputDebugString OutputDebugStringA

RASSHOST_EXTERN_C_END

/* The rest of the subset, one header per concern under rasshost/win32/
 * (each declares its own extern "C" block; none is meant to be included alone). */
#include "win32/characters.h"
#include "win32/critical_section.h"
#include "win32/event_log.h"
#include "win32/files.h"
#include "win32/format_message.h"
#include "win32/handles.h"
#include "win32/interlocked.h"
#include "win32/loader.h"
#include "win32/macros.h"
#include "win32/memory.h"
#include "win32/named_objects.h"
#include "win32/profile.h"
#include "win32/registry.h"
#include "win32/synch.h"
#include "win32/system.h"
#include "win32/text.h"
#include "win32/time.h"
#include "win32/timers.h"
#include "win32/tls.h"

#endif /* RASSHOST_OS_WINDOWS */
#endif /* RASSHOST_WIN32_H */
