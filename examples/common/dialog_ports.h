/*
 * dialog_ports.h - the bookkeeping every example security DLL shares, so
 * each DLL's source is its dialog and nothing else:
 *
 *   RasSecurityDialogBegin -> DialogPortsBegin: a context for the HPORT (a
 *       stop event, a LINE_INPUT over the host's buffers), listed by HPORT,
 *       and a worker thread that runs the DLL's dialog function and calls
 *       RasSecurityDialogComplete with its result. Begin returns at once.
 *   RasSecurityDialogEnd -> DialogPortsEnd: unlists the context, sets the
 *       stop event (a pending receive ends), waits for the worker (at most
 *       10 s; a worker that does not stop is leaked, never freed under it)
 *       and frees everything. Always ERROR_PORT_DISCONNECTED, as RAS expects.
 *   DllMain -> DialogPortsAttach / DialogPortsDetach.
 *
 * Each DLL links its own copy (a static library), so each has its own list.
 * Plain C99 over the Win32 subset of <windows.h>; no platform #ifdefs.
 */
#ifndef RASSHOST_EXAMPLES_DIALOG_PORTS_H
#define RASSHOST_EXAMPLES_DIALOG_PORTS_H

#include <windows.h>
#include <rasshost.h>

#include "line_input.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A DLL's dialog, on the worker thread: talks through li, fills pMsg
 * (hPort is set) and returns TRUE to report it with Complete, FALSE when
 * the dialog was stopped by End (nothing is reported then). */
typedef BOOL (*DIALOG_FUNCTION)(LINE_INPUT *li, SECURITY_MESSAGE *pMsg);

/* DLL_PROCESS_ATTACH: pszName prefixes debug output ("callback"). FALSE
 * when out of resources (the DLL then fails to load). */
BOOL DialogPortsAttach(LPCSTR pszName, DIALOG_FUNCTION pfnDialog);

/* DLL_PROCESS_DETACH. */
VOID DialogPortsDetach(VOID);

/* RasSecurityDialogBegin's work, arguments as RAS passes them. NO_ERROR, or
 * ERROR_INVALID_PARAMETER (no Complete, buffers missing), a resource error,
 * or ERROR_DLL_INIT_FAILED before DialogPortsAttach. */
DWORD DialogPortsBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf, DWORD RecvBufSize,
                       VOID (WINAPI *pfnComplete)(SECURITY_MESSAGE *));

/* RasSecurityDialogEnd's work (see above). */
DWORD DialogPortsEnd(HPORT hPort);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_DIALOG_PORTS_H */
