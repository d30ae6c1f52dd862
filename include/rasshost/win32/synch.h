/*
 * rasshost/win32/synch.h - mutexes, semaphores, alertable waits and APCs,
 * SignalObjectAndWait, and the thread calls that go with them
 * (GetCurrentThread, OpenThread, SuspendThread, TerminateThread).
 *
 * On Windows this is <windows.h>. On POSIX the objects live in the same
 * handle table as events and threads, and every wait function waits on any
 * mix of them (docs/decisions.md#mutexes-and-semaphores, docs/decisions.md#alertable-waits).
 */
#ifndef RASSHOST_WIN32_SYNCH_H
#define RASSHOST_WIN32_SYNCH_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

#ifndef WAIT_IO_COMPLETION
#define WAIT_IO_COMPLETION 0x000000C0u
#endif
#ifndef STATUS_WAIT_0
#define STATUS_WAIT_0 ((DWORD)0x00000000L)
#endif
#ifndef STATUS_ABANDONED_WAIT_0
#define STATUS_ABANDONED_WAIT_0 ((DWORD)0x00000080L)
#endif
#ifndef STATUS_USER_APC
#define STATUS_USER_APC ((DWORD)0x000000C0L)
#endif

/* Access rights: accepted and ignored (no access control within a process).
 * SYNCHRONIZE and STANDARD_RIGHTS_REQUIRED: <rasshost/win32/handles.h>. */
#ifndef MUTANT_QUERY_STATE
#define MUTANT_QUERY_STATE 0x0001u
#endif
#ifndef MUTANT_ALL_ACCESS
#define MUTANT_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | MUTANT_QUERY_STATE)
#endif
#ifndef MUTEX_MODIFY_STATE
#define MUTEX_MODIFY_STATE MUTANT_QUERY_STATE
#endif
#ifndef MUTEX_ALL_ACCESS
#define MUTEX_ALL_ACCESS MUTANT_ALL_ACCESS
#endif
#ifndef SEMAPHORE_MODIFY_STATE
#define SEMAPHORE_MODIFY_STATE 0x0002u
#endif
#ifndef SEMAPHORE_ALL_ACCESS
#define SEMAPHORE_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3u)
#endif
/* EVENT_MODIFY_STATE and EVENT_ALL_ACCESS: <rasshost/win32/named_objects.h>. */
#ifndef THREAD_TERMINATE
#define THREAD_TERMINATE 0x0001u
#endif
#ifndef THREAD_SUSPEND_RESUME
#define THREAD_SUSPEND_RESUME 0x0002u
#endif
#ifndef THREAD_GET_CONTEXT
#define THREAD_GET_CONTEXT 0x0008u
#endif
#ifndef THREAD_SET_CONTEXT
#define THREAD_SET_CONTEXT 0x0010u
#endif
#ifndef THREAD_QUERY_INFORMATION
#define THREAD_QUERY_INFORMATION 0x0040u
#endif
#ifndef THREAD_SET_INFORMATION
#define THREAD_SET_INFORMATION 0x0020u
#endif
#ifndef THREAD_QUERY_LIMITED_INFORMATION
#define THREAD_QUERY_LIMITED_INFORMATION 0x0800u
#endif
#ifndef THREAD_ALL_ACCESS
#define THREAD_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFFu)
#endif

/** An APC routine (QueueUserAPC). */
typedef VOID (WINAPI *PAPCFUNC)(ULONG_PTR Parameter);

/* ---- mutexes ---- */

/** Creates a mutex, owned by the caller if bInitialOwner. A name already
 *  in use returns that mutex (bInitialOwner ignored) with
 *  ERROR_ALREADY_EXISTS; a name held by another kind of object fails with
 *  ERROR_INVALID_HANDLE. Ownership is recursive; a mutex whose owner thread
 *  ends is abandoned: its next owner's wait returns WAIT_ABANDONED_0 + i. */
RASSHOST_API HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner, LPCSTR lpName);
RASSHOST_API HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner, LPCWSTR lpName);
/** A new handle to the mutex named lpName (see <rasshost/win32/named_objects.h>
 *  for the errors). dwDesiredAccess and bInheritHandle are ignored. */
RASSHOST_API HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
RASSHOST_API HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
/** Gives up one level of ownership. FALSE with ERROR_NOT_OWNER when the
 *  caller does not own the mutex. */
RASSHOST_API BOOL WINAPI ReleaseMutex(HANDLE hMutex);

/* ---- semaphores ---- */

/** Creates a semaphore. lMaximumCount must be > 0 and 0 <= lInitialCount <=
 *  lMaximumCount, else ERROR_INVALID_PARAMETER. Names as for mutexes. */
RASSHOST_API HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                                            LONG lMaximumCount, LPCSTR lpName);
RASSHOST_API HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                                            LONG lMaximumCount, LPCWSTR lpName);
/** A new handle to the semaphore named lpName (as OpenMutexA). */
RASSHOST_API HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
RASSHOST_API HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
/** Adds lReleaseCount (> 0) to the count and stores the previous count in
 *  *lpPreviousCount if not NULL. FALSE with ERROR_TOO_MANY_POSTS (count
 *  unchanged) when the maximum would be exceeded. */
RASSHOST_API BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount);

/* ---- waits with APCs ---- */

/** WaitForSingleObject; if bAlertable, a user APC queued to the thread ends
 *  the wait: the APCs run and the result is WAIT_IO_COMPLETION. */
RASSHOST_API DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable);
/** WaitForMultipleObjects with bAlertable as for WaitForSingleObjectEx. */
RASSHOST_API DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                                   DWORD dwMilliseconds, BOOL bAlertable);
/** Sleep; if bAlertable, returns WAIT_IO_COMPLETION once queued APCs have
 *  run, else 0 when the time is up. */
RASSHOST_API DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable);
/** Queues pfnAPC(dwData) to a thread; it runs when that thread next waits
 *  alertably. Returns 0 on failure (ERROR_INVALID_HANDLE for a handle that
 *  is not a thread). */
RASSHOST_API DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData);
/** Signals hObjectToSignal (an event: SetEvent; a mutex: ReleaseMutex; a
 *  semaphore: ReleaseSemaphore by 1), then waits for hObjectToWaitOn as
 *  WaitForSingleObjectEx does. */
RASSHOST_API DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn, DWORD dwMilliseconds,
                                              BOOL bAlertable);

/* ---- threads ---- */

/** The pseudo-handle (HANDLE)-2 that names the calling thread wherever a
 *  thread handle is taken; DuplicateHandle makes a real handle of it. */
RASSHOST_API HANDLE WINAPI GetCurrentThread(void);
/** A new handle to the thread with id dwThreadId (a thread made by
 *  CreateThread or _beginthreadex, or the calling thread). NULL with
 *  ERROR_INVALID_PARAMETER for an id no running thread has. */
RASSHOST_API HANDLE WINAPI OpenThread(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwThreadId);
/** The id of the thread a handle names. 0 with ERROR_INVALID_HANDLE. */
RASSHOST_API DWORD WINAPI GetThreadId(HANDLE Thread);
/** Only for a thread that has not started running (CREATE_SUSPENDED):
 *  increments its suspend count. A running thread cannot be stopped safely
 *  at an arbitrary point on POSIX: (DWORD)-1 with ERROR_NOT_SUPPORTED. */
RASSHOST_API DWORD WINAPI SuspendThread(HANDLE hThread);
/** Refused with ERROR_NOT_SUPPORTED (FALSE) for a running thread: killing a
 *  thread that may hold a lock is unsound. A thread that has already ended:
 *  TRUE, as on Windows. */
RASSHOST_API BOOL WINAPI TerminateThread(HANDLE hThread, DWORD dwExitCode);

#define CreateMutex CreateMutexA
#define OpenMutex OpenMutexA
#define CreateSemaphore CreateSemaphoreA
#define OpenSemaphore OpenSemaphoreA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_SYNCH_H */
