/*
 * rasshost/win32/crt_threads.h - the Microsoft C runtime's thread calls
 * (_beginthreadex, _endthreadex, _beginthread, _endthread), which a Windows
 * source gets from <process.h>.
 *
 * The threads are
 * CreateThread threads: _beginthreadex's result is the thread's HANDLE as a
 * uintptr_t, waitable and closed with CloseHandle. Not included by win32.h
 * (windows.h does not declare them either; docs/decisions.md#crt-threads).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_CRT_THREADS_H
#define RASSHOST_WIN32_CRT_THREADS_H

/* A part of <process.h> (rasshost::compat, POSIX only), which includes
 * <rasshost/win32.h> first; on Windows the CRT's <process.h> has all this. */
#ifndef RASSHOST_WIN32_H
#error "include <process.h> with rasshost::compat, not this header"
#endif

#include <stdint.h>

/* Calling conventions mean nothing on 64-bit POSIX targets. */
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif

RASSHOST_EXTERN_C_BEGIN

/** Starts start_address(arglist) on a new thread (CreateThread: stack_size
 *  0 is the default, initflag may be CREATE_SUSPENDED) and stores its id in
 *  *thrdaddr if not NULL. Returns the thread handle, or 0 with errno set
 *  (EINVAL for a NULL routine or unknown flag, EAGAIN when no thread can be
 *  made). */
RASSHOST_API uintptr_t __cdecl _beginthreadex(void *security, unsigned stack_size,
                                              unsigned(__stdcall *start_address)(void *), void *arglist,
                                              unsigned initflag, unsigned *thrdaddr);
/** Ends the calling thread with retval as its exit code (ExitThread). */
#if defined(__cplusplus) && __cplusplus >= 201103L
[[noreturn]]
#endif
RASSHOST_API void __cdecl _endthreadex(unsigned retval);
/** Starts start_address(arglist) on a new thread whose handle is closed when
 *  it ends (so the result must not be waited on). Returns that handle, or
 *  (uintptr_t)-1 with errno set. */
RASSHOST_API uintptr_t __cdecl _beginthread(void(__cdecl *start_address)(void *), unsigned stack_size, void *arglist);
/** Ends a thread started by _beginthread (closing its handle); on other
 *  threads ExitThread(0). */
#if defined(__cplusplus) && __cplusplus >= 201103L
[[noreturn]]
#endif
RASSHOST_API void __cdecl _endthread(void);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_CRT_THREADS_H */
