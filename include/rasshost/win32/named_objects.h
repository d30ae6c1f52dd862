/*
 * rasshost/win32/named_objects.h - opening named kernel objects (part of
 * <rasshost/win32.h>).
 *
 * On Windows <windows.h> declares these and this header adds nothing. On
 * POSIX, events, mutexes, semaphores and waitable timers created with a name
 * share one namespace within the process (docs/porting.md, named objects):
 * names are case-sensitive, "Global\" and "Local\" name the same object as
 * the bare name (as for a service in session 0), and a name lives while its
 * object has a handle or a waiter. dwDesiredAccess and bInheritHandle are
 * accepted and ignored: there is no access control between the threads of
 * one process, and no child inherits a handle.
 *
 * Valid C89/C99 and C++98; safe inside an extern "C" { } block.
 */
#ifndef RASSHOST_WIN32_NAMED_OBJECTS_H
#define RASSHOST_WIN32_NAMED_OBJECTS_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

/* SYNCHRONIZE and STANDARD_RIGHTS_REQUIRED: <rasshost/win32/handles.h>. */
#define EVENT_MODIFY_STATE 0x0002u
#define EVENT_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x0003u)

/** A new handle to the event of that name. NULL with ERROR_FILE_NOT_FOUND if
 *  there is none, ERROR_INVALID_HANDLE if the name is another kind's (or
 *  empty), ERROR_INVALID_PARAMETER for a NULL name, ERROR_PATH_NOT_FOUND for
 *  a backslash other than a "Global\" or "Local\" prefix, and, for an ANSI
 *  name of MAX_PATH characters or more, ERROR_FILENAME_EXCED_RANGE. */
RASSHOST_API HANDLE WINAPI OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
/** OpenEventA with a wide name. */
RASSHOST_API HANDLE WINAPI OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);

#define OpenEvent OpenEventA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_NAMED_OBJECTS_H */
