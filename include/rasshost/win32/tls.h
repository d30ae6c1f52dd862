/*
 * rasshost/win32/tls.h - thread local storage indices (TlsAlloc ...).
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX there are 1088 indices, as on Windows (TLS_MINIMUM_AVAILABLE plus
 * 1024 expansion slots); TlsGetValue is lock-free and allocates nothing, and
 * a thread's values are freed when it ends (docs/decisions.md#thread-local-storage).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_TLS_H
#define RASSHOST_WIN32_TLS_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

#define TLS_MINIMUM_AVAILABLE 64
#define TLS_OUT_OF_INDEXES ((DWORD)0xFFFFFFFF)

/** A free index, whose value is NULL in every thread; TLS_OUT_OF_INDEXES
 *  with ERROR_NO_MORE_ITEMS when all 1088 are taken. The lowest free index
 *  comes first. */
RASSHOST_API DWORD WINAPI TlsAlloc(void);
/** The calling thread's value at dwTlsIndex (NULL if never set), with
 *  GetLastError() == ERROR_SUCCESS: a NULL value is not an error. An index of
 *  1088 or above: NULL with ERROR_INVALID_PARAMETER. */
RASSHOST_API LPVOID WINAPI TlsGetValue(DWORD dwTlsIndex);
/** Stores the calling thread's value; FALSE with ERROR_INVALID_PARAMETER for
 *  an index of 1088 or above, ERROR_NOT_ENOUGH_MEMORY if the thread's slots
 *  cannot be allocated. */
RASSHOST_API BOOL WINAPI TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue);
/** Frees an index and clears its value in every thread. FALSE with
 *  ERROR_INVALID_PARAMETER if it is not allocated. */
RASSHOST_API BOOL WINAPI TlsFree(DWORD dwTlsIndex);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_TLS_H */
