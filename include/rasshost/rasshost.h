/*
 * rasshost.h - the RAS security host API, source- and layout-compatible with
 * the Windows SDK header of the same name (docs/decisions.md#sdk-header).
 *
 * A security DLL exports RasSecurityDialogBegin and RasSecurityDialogEnd; the
 * host (rasman.dll on Windows, the rasshost library here) provides
 * RasSecurityDialogSend, RasSecurityDialogReceive, RasSecurityDialogGetInfo
 * and passes the completion callback to Begin.
 *
 * Differences from the SDK header, all compatible with it:
 *  - the declarations sit in an extern "C" block, so C++ DLLs
 *    export unmangled names and dlsym finds them
 *    (docs/decisions.md#calling-convention-and-linkage);
 *  - the raserror.h codes come with it (rasshost/raserror.h);
 *  - project typedefs for the function pointers (RASSHOST_PFN_*), outside the
 *    SDK's include guard so they exist whichever header came first.
 * The include guard is the SDK's own (_RASSHOST_), so including this header
 * and the SDK's in one Windows translation unit is harmless.
 *
 * Valid C89/C99 and C++98; safe inside an extern "C" { } block.
 */
#ifndef _RASSHOST_
#define _RASSHOST_

#include <stddef.h>
#include "config.h"
#include "win32.h"
#include "lmcons.h"
#include "raserror.h"

RASSHOST_EXTERN_C_BEGIN

/* mprapi.h size. */
#ifndef MAX_DEVICE_NAME
#define MAX_DEVICE_NAME 128
#endif

/** Opaque handle of one authentication transaction (docs/decisions.md#hport-values):
 *  pointer-sized as in today's SDK; never NULL, never INVALID_HANDLE_VALUE,
 *  never reused within a process. Not a Win32 handle. */
typedef HANDLE HPORT;

/* Verdicts for SECURITY_MESSAGE.dwMsgId. */
#define SECURITYMSG_SUCCESS 1
#define SECURITYMSG_FAILURE 2
#define SECURITYMSG_ERROR 3

/** The DLL's verdict, passed to the completion callback.
 *  sizeof: 296 on 64-bit, 288 on 32-bit. */
typedef struct _SECURITY_MESSAGE {
    DWORD dwMsgId;              /* SECURITYMSG_SUCCESS / _FAILURE / _ERROR */
    HPORT hPort;                /* the transaction, as given to Begin */
    DWORD dwError;              /* nonzero code for SECURITYMSG_ERROR */
    CHAR UserName[UNLEN + 1];   /* NUL-terminated ANSI user name */
    CHAR Domain[DNLEN + 1];     /* NUL-terminated ANSI logon domain */
} SECURITY_MESSAGE, *PSECURITY_MESSAGE;

/** What RasSecurityDialogGetInfo reports. sizeof: 140. */
typedef struct _RAS_SECURITY_INFO {
    DWORD LastError;                    /* SUCCESS, PENDING or the receive's error */
    DWORD BytesReceived;                /* count of the latest finished receive */
    CHAR DeviceName[MAX_DEVICE_NAME + 1];
} RAS_SECURITY_INFO, *PRAS_SECURITY_INFO;

/** Generic entry-point pointer, as the SDK has it: in C "parameters unspecified", in
 *  C++ "no parameters"; cast to the real prototype before calling. */
typedef DWORD (WINAPI *RASSECURITYPROC)();

/** Exported by the security DLL: starts the dialog on hPort. The host is
 *  blocked until it returns; NO_ERROR obliges the DLL to call
 *  RasSecurityDialogComplete later. */
RASSHOST_DLL_EXPORT DWORD WINAPI RasSecurityDialogBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                                    DWORD RecvBufSize,
                                    VOID (WINAPI *RasSecurityDialogComplete)(SECURITY_MESSAGE *));

/** Exported by the security DLL: ends (nonzero return) or postpones
 *  (NO_ERROR) the end of the transaction. */
RASSHOST_DLL_EXPORT DWORD WINAPI RasSecurityDialogEnd(HPORT hPort);

/** Provided by the host: queues BufferLength bytes for the remote user.
 *  Returns PENDING (600) with the bytes already copied, or an error code. */
RASSHOST_API DWORD WINAPI RasSecurityDialogSend(HPORT hPort, PBYTE pBuffer, WORD BufferLength);

/** Provided by the host: starts a receive into pBuffer (capacity
 *  *pBufferLength). Returns PENDING (600); later stores the byte count in
 *  *pBufferLength (0 on timeout) and then signals hEvent. Timeout is in
 *  seconds, 0 for none. */
RASSHOST_API DWORD WINAPI RasSecurityDialogReceive(HPORT hPort, PBYTE pBuffer, PWORD pBufferLength,
                                                   DWORD Timeout, HANDLE hEvent);

/** Provided by the host: fills *pBuffer; returns NO_ERROR or an error code. */
RASSHOST_API DWORD WINAPI RasSecurityDialogGetInfo(HPORT hPort, RAS_SECURITY_INFO *pBuffer);

/** Declared by the SDK, exported by nothing there
 *  (docs/decisions.md#global-complete). rasshost
 *  defines it as a forwarder that routes by pSecMsg->hPort to the host that
 *  owns the transaction; rasman's GetProcAddress does not offer it. */
RASSHOST_API VOID WINAPI RasSecurityDialogComplete(SECURITY_MESSAGE *pSecMsg);

RASSHOST_EXTERN_C_END

#endif /* _RASSHOST_ */

/* Project helpers under project names, outside the SDK guard. */
#ifndef RASSHOST_RASSHOST_TYPEDEFS
#define RASSHOST_RASSHOST_TYPEDEFS

#include <stddef.h> /* offsetof, for the layout assertions below */

/** The completion callback passed as Begin's last argument. */
typedef VOID (WINAPI *RASSHOST_PFN_COMPLETE)(SECURITY_MESSAGE *pSecMsg);
/** RasSecurityDialogBegin, as GetProcAddress/dlsym returns it. */
typedef DWORD (WINAPI *RASSHOST_PFN_BEGIN)(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize,
                                           PBYTE pRecvBuf, DWORD RecvBufSize,
                                           RASSHOST_PFN_COMPLETE pfnComplete);
/** RasSecurityDialogEnd. */
typedef DWORD (WINAPI *RASSHOST_PFN_END)(HPORT hPort);
/** RasSecurityDialogSend, as GetProcAddress(rasman, ...) returns it. */
typedef DWORD (WINAPI *RASSHOST_PFN_SEND)(HPORT hPort, PBYTE pBuffer, WORD BufferLength);
/** RasSecurityDialogReceive. */
typedef DWORD (WINAPI *RASSHOST_PFN_RECEIVE)(HPORT hPort, PBYTE pBuffer, PWORD pBufferLength,
                                             DWORD Timeout, HANDLE hEvent);
/** RasSecurityDialogGetInfo. */
typedef DWORD (WINAPI *RASSHOST_PFN_GETINFO)(HPORT hPort, RAS_SECURITY_INFO *pBuffer);

/* Layout is the SDK's on every target (docs/decisions.md#sdk-header). */
#define RASSHOST_SECURITY_MESSAGE_SIZE (sizeof(void *) == 8 ? 296 : 288)
RASSHOST_STATIC_ASSERT(sizeof(SECURITY_MESSAGE) == RASSHOST_SECURITY_MESSAGE_SIZE, security_message_size);
RASSHOST_STATIC_ASSERT(offsetof(SECURITY_MESSAGE, hPort) == (sizeof(void *) == 8 ? 8 : 4), hport_offset);
RASSHOST_STATIC_ASSERT(offsetof(SECURITY_MESSAGE, dwError) == (sizeof(void *) == 8 ? 16 : 8), dwerror_offset);
RASSHOST_STATIC_ASSERT(offsetof(SECURITY_MESSAGE, UserName) == (sizeof(void *) == 8 ? 20 : 12), username_offset);
RASSHOST_STATIC_ASSERT(offsetof(SECURITY_MESSAGE, Domain) == (sizeof(void *) == 8 ? 277 : 269), domain_offset);
RASSHOST_STATIC_ASSERT(sizeof(RAS_SECURITY_INFO) == 140, ras_security_info_size);
RASSHOST_STATIC_ASSERT(offsetof(RAS_SECURITY_INFO, BytesReceived) == 4, bytes_received_offset);
RASSHOST_STATIC_ASSERT(offsetof(RAS_SECURITY_INFO, DeviceName) == 8, device_name_offset);

#endif /* RASSHOST_RASSHOST_TYPEDEFS */
