/*
 * line_input.h - the terminal side of a RAS security dialog, shared by the
 * example security DLLs: bind rasman.dll, write text, read one typed line.
 *
 * How a line is read (the part every security DLL gets wrong once):
 *  - RasSecurityDialogReceive completes as soon as at least one byte is
 *    there, so a line arrives in chunks of any size, down to single bytes;
 *    LineInputRead keeps receiving until CR or LF.
 *  - CR, LF and CRLF all end a line (the LF of a CRLF split across two
 *    receives is skipped too). Bytes typed after the end of a line (type
 *    ahead) stay for the next LineInputRead.
 *  - Backspace (0x08) and DEL (0x7F) erase the last character. Other
 *    control characters are kept as typed (echoed as ^X), never silently
 *    removed: a password typed with one then fails to match. A NUL cannot
 *    be part of a C string: a line that holds one is reported like a line
 *    that does not fit. The NUL of telnet's CR NUL ends nothing: it is
 *    skipped like the LF of a CRLF.
 *  - A line longer than the caller's buffer is consumed up to its end and
 *    reported as ERROR_INSUFFICIENT_BUFFER (the caller counts it as a
 *    failed try); nothing is ever written past the buffer.
 *  - Every line has a deadline (LineInputOpen reads it, see below). Each
 *    receive asks the host for the remaining time, and the wait also watches
 *    the stop event that RasSecurityDialogEnd sets.
 *  - Received bytes are wiped from the receive buffer once consumed, and the
 *    caller's line buffer on every failure, since lines may be passwords.
 *
 * Environment: RASSHOST_EXAMPLE_TIMEOUT = seconds allowed per typed line
 * (1..3600, default 60).
 *
 * Plain C99 over the Win32 subset of <windows.h>; no platform #ifdefs.
 */
#ifndef RASSHOST_EXAMPLES_LINE_INPUT_H
#define RASSHOST_EXAMPLES_LINE_INPUT_H

#include <windows.h>
#include <rasshost.h>

#ifdef __cplusplus
extern "C" {
#endif

/* rasman.dll has no import library: these are the prototypes the DLL casts
 * GetProcAddress's result to. */
typedef DWORD (WINAPI *SENDPROC)(HPORT, PBYTE, WORD);
typedef DWORD (WINAPI *RECEIVEPROC)(HPORT, PBYTE, PWORD, DWORD, HANDLE);
typedef DWORD (WINAPI *GETINFOPROC)(HPORT, RAS_SECURITY_INFO *);

#define LINE_INPUT_DEFAULT_TIMEOUT 60   /* seconds per line */
#define LINE_INPUT_MAX_TIMEOUT 3600

/* Flags of LineInputRead. */
#define LINE_ECHO 0x00000001u   /* echo what is typed (never for secrets) */

/** One port's terminal. Lives in the DLL's per-port context on the heap,
 *  not on a thread's stack: the host writes cbReceived asynchronously. */
typedef struct _LINE_INPUT {
    HPORT hPort;
    PBYTE pSendBuf;
    WORD cbSendBuf;
    PBYTE pRecvBuf;
    WORD cbRecvBuf;
    HINSTANCE hRasman;           /* one LoadLibrary reference per dialog */
    SENDPROC pfnSend;
    RECEIVEPROC pfnReceive;
    GETINFOPROC pfnGetInfo;
    HANDLE hReceiveEvent;        /* auto-reset, signalled by the host */
    HANDLE hStopEvent;           /* manual-reset, set by RasSecurityDialogEnd (not owned) */
    DWORD dwTimeoutSeconds;      /* per line */
    WORD cbReceived;             /* Receive's length, written by the host */
    WORD ibUnread;               /* type-ahead still in pRecvBuf ... */
    WORD cbUnread;               /* ... and its length */
    BOOL fLastWasCR;             /* to skip the LF of a CRLF */
} LINE_INPUT;

/** Binds rasman.dll (LoadLibrary + GetProcAddress), creates the receive
 *  event and records the buffers Begin got. Returns NO_ERROR or the code
 *  Begin should return (ERROR_DLL_NOT_FOUND, ERROR_PROC_NOT_FOUND, ...). */
DWORD LineInputOpen(LINE_INPUT *li, HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                    DWORD RecvBufSize, HANDLE hStopEvent);

/** Releases what LineInputOpen acquired. Call only when no receive can
 *  still complete: after the dialog ended (Complete or End). */
VOID LineInputClose(LINE_INPUT *li);

/** Sends cb bytes (in pieces of the send buffer's size). Returns NO_ERROR
 *  or the host's error (ERROR_PORT_DISCONNECTED when the line dropped). */
DWORD LineInputWrite(LINE_INPUT *li, LPCVOID pv, DWORD cb);

/** LineInputWrite of a NUL-terminated string. */
DWORD LineInputWriteString(LINE_INPUT *li, LPCSTR psz);

/** Sends the prompt (if not NULL), then reads one line into pszLine
 *  (cchLine bytes including the NUL, at least 1). After the line, "\r\n"
 *  is sent so the next output starts on a fresh line. Returns
 *    NO_ERROR                  a line, possibly empty;
 *    ERROR_INSUFFICIENT_BUFFER the line did not fit, or held a NUL
 *                              (pszLine is empty);
 *    ERROR_REQUEST_TIMEOUT     no complete line within the timeout;
 *    ERROR_OPERATION_ABORTED   RasSecurityDialogEnd set the stop event;
 *    ERROR_PORT_DISCONNECTED   the line dropped (or another host error).
 *  On every result but NO_ERROR, pszLine is wiped to an empty string. */
DWORD LineInputRead(LINE_INPUT *li, LPCSTR pszPrompt, LPSTR pszLine, DWORD cchLine, DWORD dwFlags);

/** The end of a dialog that did not succeed, in one place for all three
 *  DLLs. dwError is the result of the last LineInputRead or check:
 *    NO_ERROR                  the tries are used up: SECURITYMSG_FAILURE
 *                              for pszUser, "Access denied." is sent;
 *    ERROR_OPERATION_ABORTED   End came first: returns FALSE, the caller
 *                              must not call Complete (End returns
 *                              nonzero, the transaction is over);
 *    anything else             SECURITYMSG_ERROR with that code (a time-out
 *                              sends "Timed out." first).
 *  Returns TRUE when the caller should pass *pMsg to Complete. */
BOOL LineInputConclude(LINE_INPUT *li, SECURITY_MESSAGE *pMsg, DWORD dwError, LPCSTR pszUser);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_LINE_INPUT_H */
