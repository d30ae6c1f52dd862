/*
 * rasshost/win32/timers.h - waitable timers (part of <rasshost/win32.h>).
 *
 * On Windows <windows.h> declares these and this header adds nothing. On
 * POSIX a timer is a handle like an event's: WaitForSingleObject and
 * WaitForMultipleObjects (wait-any and wait-all) accept it, CloseHandle
 * closes it. One timer thread serves every timer of the process; relative
 * due times run on the monotonic clock, and an absolute due time is turned
 * into a monotonic one when SetWaitableTimer is called, so a later change
 * of the system time does not move it (docs/porting.md, waitable timers).
 *
 * Valid C89/C99 and C++98; safe inside an extern "C" { } block.
 */
#ifndef RASSHOST_WIN32_TIMERS_H
#define RASSHOST_WIN32_TIMERS_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

/* The completion routine SetWaitableTimer may be given; the low and high
 * values are the FILETIME (UTC) at which the timer fired. */
typedef VOID (CALLBACK *PTIMERAPCROUTINE)(LPVOID lpArgToCompletionRoutine, DWORD dwTimerLowValue,
                                          DWORD dwTimerHighValue);

/* SYNCHRONIZE and STANDARD_RIGHTS_REQUIRED: <rasshost/win32/handles.h>. */
#define TIMER_QUERY_STATE 0x0001u
#define TIMER_MODIFY_STATE 0x0002u
#define TIMER_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | TIMER_QUERY_STATE | TIMER_MODIFY_STATE)

/** Creates a waitable timer, unsignalled and not running. bManualReset TRUE
 *  makes a notification timer (once due it stays signalled and releases
 *  every waiter until SetWaitableTimer is called again), FALSE a
 *  synchronization timer (once due it releases one waiter). A name puts the
 *  timer in the process's namespace of named objects: an existing timer of
 *  that name is returned (GetLastError() == ERROR_ALREADY_EXISTS), another
 *  kind's name fails with ERROR_INVALID_HANDLE. Security attributes are
 *  ignored. Returns NULL on failure. */
RASSHOST_API HANDLE WINAPI CreateWaitableTimerA(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
                                                LPCSTR lpTimerName);
/** CreateWaitableTimerA with a wide name. */
RASSHOST_API HANDLE WINAPI CreateWaitableTimerW(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
                                                LPCWSTR lpTimerName);
/** A new handle to the timer of that name: NULL with ERROR_FILE_NOT_FOUND
 *  if there is none, ERROR_INVALID_HANDLE if the name is another kind's.
 *  dwDesiredAccess and bInheritHandle are accepted and ignored. */
RASSHOST_API HANDLE WINAPI OpenWaitableTimerA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpTimerName);
/** OpenWaitableTimerA with a wide name. */
RASSHOST_API HANDLE WINAPI OpenWaitableTimerW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpTimerName);
/** Unsignals the timer and starts it (stopping a pending run first).
 *  *lpDueTime is in 100 ns units: negative is relative to now, positive an
 *  absolute UTC FILETIME (one in the past fires at once). lPeriod is in
 *  milliseconds, 0 for a single run; a negative period fails with
 *  ERROR_INVALID_PARAMETER. fResume is accepted and ignored (there is no
 *  suspended machine to wake). The last error is left alone on success. */
RASSHOST_API BOOL WINAPI SetWaitableTimer(HANDLE hTimer, const LARGE_INTEGER *lpDueTime, LONG lPeriod,
                                          PTIMERAPCROUTINE pfnCompletionRoutine, LPVOID lpArgToCompletionRoutine,
                                          BOOL fResume);
/** Stops the timer; its signal state stays as it is. */
RASSHOST_API BOOL WINAPI CancelWaitableTimer(HANDLE hTimer);

#define CreateWaitableTimer CreateWaitableTimerA
#define OpenWaitableTimer OpenWaitableTimerA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_TIMERS_H */
