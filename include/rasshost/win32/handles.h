/*
 * rasshost/win32/handles.h - duplicating handles within the process, and
 * the current process's pseudo-handle and id.
 *
 * On Windows <windows.h> declares all of this and this header adds nothing.
 * On POSIX: DuplicateHandle works within the process only (the source and
 * target process must be the current one), access rights are accepted but
 * not enforced (every handle has its object's full access), and
 * bInheritHandle is ignored (no process inherits handles). See
 * docs/porting.md, "Duplicating handles".
 *
 * Valid C89/C99 and C++98; safe inside an extern "C" { } block.
 */
#ifndef RASSHOST_WIN32_HANDLES_H
#define RASSHOST_WIN32_HANDLES_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

/* ---- access rights (winnt.h): accepted, not enforced ---- */
#ifndef DELETE
#define DELETE 0x00010000L
#endif
#ifndef READ_CONTROL
#define READ_CONTROL 0x00020000L
#endif
#ifndef WRITE_DAC
#define WRITE_DAC 0x00040000L
#endif
#ifndef WRITE_OWNER
#define WRITE_OWNER 0x00080000L
#endif
#ifndef SYNCHRONIZE
#define SYNCHRONIZE 0x00100000L
#endif
#ifndef STANDARD_RIGHTS_REQUIRED
#define STANDARD_RIGHTS_REQUIRED 0x000F0000L
#endif
#ifndef STANDARD_RIGHTS_READ
#define STANDARD_RIGHTS_READ READ_CONTROL
#endif
#ifndef STANDARD_RIGHTS_WRITE
#define STANDARD_RIGHTS_WRITE READ_CONTROL
#endif
#ifndef STANDARD_RIGHTS_EXECUTE
#define STANDARD_RIGHTS_EXECUTE READ_CONTROL
#endif
#ifndef STANDARD_RIGHTS_ALL
#define STANDARD_RIGHTS_ALL 0x001F0000L
#endif
#ifndef SPECIFIC_RIGHTS_ALL
#define SPECIFIC_RIGHTS_ALL 0x0000FFFFL
#endif
#ifndef ACCESS_SYSTEM_SECURITY
#define ACCESS_SYSTEM_SECURITY 0x01000000L
#endif
#ifndef MAXIMUM_ALLOWED
#define MAXIMUM_ALLOWED 0x02000000L
#endif
#ifndef GENERIC_READ
#define GENERIC_READ 0x80000000UL
#endif
#ifndef GENERIC_WRITE
#define GENERIC_WRITE 0x40000000L
#endif
#ifndef GENERIC_EXECUTE
#define GENERIC_EXECUTE 0x20000000L
#endif
#ifndef GENERIC_ALL
#define GENERIC_ALL 0x10000000L
#endif
#ifndef PROCESS_DUP_HANDLE
#define PROCESS_DUP_HANDLE 0x0040
#endif

/* ---- DuplicateHandle's options ---- */
#ifndef DUPLICATE_CLOSE_SOURCE
#define DUPLICATE_CLOSE_SOURCE 0x00000001
#endif
#ifndef DUPLICATE_SAME_ACCESS
#define DUPLICATE_SAME_ACCESS 0x00000002
#endif

/** The current process's pseudo-handle, (HANDLE)-1: valid as a process
 *  argument and as DuplicateHandle's source; closing it does nothing and
 *  succeeds, as on Windows. */
RASSHOST_API HANDLE WINAPI GetCurrentProcess(void);

/** The current process's id. */
RASSHOST_API DWORD WINAPI GetCurrentProcessId(void);

/** A new handle to the object hSourceHandle names, in *lpTargetHandle (when
 *  lpTargetHandle is NULL the duplicate is made and its value lost, as on
 *  Windows: the emulation then makes none). Both processes must be the
 *  current one, else FALSE with ERROR_INVALID_HANDLE. DUPLICATE_CLOSE_SOURCE
 *  closes hSourceHandle, even when the call fails otherwise (bad target
 *  process); with a NULL hTargetProcessHandle it only closes it.
 *  GetCurrentProcess() as the source gives a real handle to the process
 *  (usable as a process argument; waits on it time out, as the process
 *  runs). A bad source handle or the process heap (not a kernel handle)
 *  fails with ERROR_INVALID_HANDLE. */
RASSHOST_API BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle,
                                         HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle,
                                         DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_HANDLES_H */
