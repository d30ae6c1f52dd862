/*
 * line_input.c - see line_input.h.
 */
#include <windows.h>
#include <raserror.h>
#include <rasshost.h>
#include <stdlib.h>

#include "line_input.h"

/* How long past the host's own receive time-out we wait before deciding the
 * host will never signal (a safety net; a conforming host signals on time). */
#define RECEIVE_GRACE_MS 5000u

static DWORD ReadTimeoutSetting(void)
{
    const char *psz = getenv("RASSHOST_EXAMPLE_TIMEOUT");
    char *pszEnd = NULL;
    unsigned long ul;

    if (psz == NULL || *psz == '\0') return LINE_INPUT_DEFAULT_TIMEOUT;
    ul = strtoul(psz, &pszEnd, 10);
    if (*pszEnd != '\0' || ul == 0 || ul > LINE_INPUT_MAX_TIMEOUT) return LINE_INPUT_DEFAULT_TIMEOUT;
    return (DWORD)ul;
}

DWORD LineInputOpen(LINE_INPUT *li, HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                    DWORD RecvBufSize, HANDLE hStopEvent)
{
    ZeroMemory(li, sizeof *li);
    if (pSendBuf == NULL || SendBufSize == 0 || pRecvBuf == NULL || RecvBufSize == 0 || hStopEvent == NULL)
        return ERROR_INVALID_PARAMETER;

    li->hPort = hPort;
    li->pSendBuf = pSendBuf;
    li->cbSendBuf = (WORD)(SendBufSize > 0xFFFFu ? 0xFFFFu : SendBufSize);
    li->pRecvBuf = pRecvBuf;
    li->cbRecvBuf = (WORD)(RecvBufSize > 0xFFFFu ? 0xFFFFu : RecvBufSize);
    li->hStopEvent = hStopEvent;
    li->dwTimeoutSeconds = ReadTimeoutSetting();

    /* No import library exists for these three: bind them at run time. */
    li->hRasman = LoadLibrary("RASMAN.DLL");
    if (li->hRasman == NULL) return ERROR_DLL_NOT_FOUND;
    li->pfnSend = (SENDPROC)GetProcAddress(li->hRasman, "RasSecurityDialogSend");
    li->pfnReceive = (RECEIVEPROC)GetProcAddress(li->hRasman, "RasSecurityDialogReceive");
    li->pfnGetInfo = (GETINFOPROC)GetProcAddress(li->hRasman, "RasSecurityDialogGetInfo");
    if (li->pfnSend == NULL || li->pfnReceive == NULL || li->pfnGetInfo == NULL) {
        LineInputClose(li);
        return ERROR_PROC_NOT_FOUND;
    }

    li->hReceiveEvent = CreateEvent(NULL, FALSE, FALSE, NULL);
    if (li->hReceiveEvent == NULL) {
        DWORD dwError = GetLastError();
        LineInputClose(li);
        return dwError != NO_ERROR ? dwError : ERROR_NOT_ENOUGH_MEMORY;
    }
    return NO_ERROR;
}

VOID LineInputClose(LINE_INPUT *li)
{
    if (li->hReceiveEvent != NULL) CloseHandle(li->hReceiveEvent);
    if (li->hRasman != NULL) FreeLibrary(li->hRasman);
    li->hReceiveEvent = NULL;
    li->hRasman = NULL;
    li->pfnSend = NULL;
    li->pfnReceive = NULL;
    li->pfnGetInfo = NULL;
}

DWORD LineInputWrite(LINE_INPUT *li, LPCVOID pv, DWORD cb)
{
    const BYTE *pb = (const BYTE *)pv;

    while (cb > 0) {
        WORD cbChunk = (WORD)(cb > li->cbSendBuf ? li->cbSendBuf : cb);
        DWORD dwError;
        /* Send has copied the bytes when it returns
         * (docs/decisions.md#send-completion), so the
         * send buffer can be refilled at once. */
        CopyMemory(li->pSendBuf, pb, cbChunk);
        dwError = li->pfnSend(li->hPort, li->pSendBuf, cbChunk);
        if (dwError != PENDING) return dwError;
        pb += cbChunk;
        cb -= cbChunk;
    }
    return NO_ERROR;
}

DWORD LineInputWriteString(LINE_INPUT *li, LPCSTR psz)
{
    return LineInputWrite(li, psz, (DWORD)lstrlen(psz));
}

/* Receives the next chunk of typed bytes into pRecvBuf (ibUnread/cbUnread)
 * before the deadline. */
static DWORD ReceiveChunk(LINE_INPUT *li, ULONGLONG ullDeadline)
{
    for (;;) {
        ULONGLONG ullNow = GetTickCount64();
        HANDLE ahWait[2];
        RAS_SECURITY_INFO info;
        DWORD dwSeconds, dwWait, dwError;

        if (ullNow >= ullDeadline) return ERROR_REQUEST_TIMEOUT;
        dwSeconds = (DWORD)((ullDeadline - ullNow + 999u) / 1000u);

        li->cbReceived = li->cbRecvBuf;
        dwError = li->pfnReceive(li->hPort, li->pRecvBuf, &li->cbReceived, dwSeconds, li->hReceiveEvent);
        if (dwError != PENDING) return dwError;

        /* The stop event comes first: when both are signalled, End wins. */
        ahWait[0] = li->hStopEvent;
        ahWait[1] = li->hReceiveEvent;
        dwWait = WaitForMultipleObjects(2, ahWait, FALSE, dwSeconds * 1000u + RECEIVE_GRACE_MS);
        if (dwWait == WAIT_OBJECT_0) return ERROR_OPERATION_ABORTED;
        if (dwWait == WAIT_TIMEOUT) return ERROR_REQUEST_TIMEOUT;
        if (dwWait != WAIT_OBJECT_0 + 1) return ERROR_AUTH_INTERNAL;

        if (li->cbReceived > 0) {
            li->ibUnread = 0;
            li->cbUnread = li->cbReceived <= li->cbRecvBuf ? li->cbReceived : li->cbRecvBuf;
            return NO_ERROR;
        }

        /* Zero bytes: either the receive timed out or the line dropped.
         * GetInfo's LastError tells which (619 = disconnected). */
        dwError = li->pfnGetInfo(li->hPort, &info);
        if (dwError != NO_ERROR) return dwError;
        if (info.LastError != SUCCESS && info.LastError != ERROR_REQUEST_TIMEOUT) return info.LastError;
        /* A time-out: the deadline check at the top decides. */
    }
}

/* Echoed bytes are collected and sent once per received chunk. */
typedef struct _ECHO {
    BYTE ab[64];
    DWORD cb;
} ECHO;

static DWORD EchoFlush(LINE_INPUT *li, ECHO *pEcho)
{
    DWORD dwError = pEcho->cb > 0 ? LineInputWrite(li, pEcho->ab, pEcho->cb) : NO_ERROR;
    pEcho->cb = 0;
    return dwError;
}

static DWORD EchoAdd(LINE_INPUT *li, ECHO *pEcho, const char *pch, DWORD cch)
{
    DWORD dwError = NO_ERROR;
    if (pEcho->cb + cch > sizeof pEcho->ab) dwError = EchoFlush(li, pEcho);
    CopyMemory(pEcho->ab + pEcho->cb, pch, cch);
    pEcho->cb += cch;
    return dwError;
}

/* The line being typed. */
typedef struct _TYPED {
    LPSTR pszLine;
    DWORD cchLine;      /* its size, with the NUL */
    DWORD cch;          /* characters kept in pszLine */
    DWORD cchLost;      /* characters typed beyond the buffer */
    BOOL fEcho;
    ECHO echo;
} TYPED;

/* The line end: NO_ERROR, or why the line cannot be returned. */
static DWORD EndLine(LINE_INPUT *li, TYPED *pt)
{
    DWORD dwError;

    pt->pszLine[pt->cch] = '\0';
    if ((dwError = EchoFlush(li, &pt->echo)) == NO_ERROR) dwError = LineInputWriteString(li, "\r\n");
    /* A NUL typed in the line would cut the C string short: a password
     * that holds one must not match its prefix. */
    if (dwError == NO_ERROR && (pt->cchLost > 0 || (DWORD)lstrlen(pt->pszLine) != pt->cch))
        dwError = ERROR_INSUFFICIENT_BUFFER;
    if (dwError != NO_ERROR) SecureZeroMemory(pt->pszLine, pt->cchLine);
    return dwError;
}

/* Backspace or DEL: erases the last character, on the screen too (a
 * control character was echoed as two columns). */
static DWORD Erase(LINE_INPUT *li, TYPED *pt)
{
    BOOL fWide = FALSE;

    if (pt->cchLost > 0) {
        --pt->cchLost;
    } else if (pt->cch > 0) {
        fWide = (BYTE)pt->pszLine[--pt->cch] < 0x20;
        pt->pszLine[pt->cch] = '\0';
    } else {
        return NO_ERROR;   /* nothing to erase */
    }
    if (!pt->fEcho) return NO_ERROR;
    return EchoAdd(li, &pt->echo, "\b \b\b \b", fWide ? 6 : 3);
}

/* Any other byte, control characters included: kept as typed (echoed as
 * ^X), so what is checked is what was typed. */
static DWORD Keep(LINE_INPUT *li, TYPED *pt, BYTE b)
{
    CHAR achCaret[2];

    if (pt->cch + 1 < pt->cchLine) {
        pt->pszLine[pt->cch++] = (CHAR)b;
    } else if (pt->cchLost < 0xFFFFFFFFu) {
        ++pt->cchLost;
    }
    if (!pt->fEcho) return NO_ERROR;
    if (b >= 0x20) return EchoAdd(li, &pt->echo, (const char *)&b, 1);
    achCaret[0] = '^';
    achCaret[1] = (CHAR)(b + 0x40);
    return EchoAdd(li, &pt->echo, achCaret, 2);
}

DWORD LineInputRead(LINE_INPUT *li, LPCSTR pszPrompt, LPSTR pszLine, DWORD cchLine, DWORD dwFlags)
{
    DWORD dwError = NO_ERROR;
    ULONGLONG ullDeadline;
    TYPED t;

    if (cchLine == 0) return ERROR_INSUFFICIENT_BUFFER;
    ZeroMemory(&t, sizeof t);
    t.pszLine = pszLine;
    t.cchLine = cchLine;
    t.fEcho = (dwFlags & LINE_ECHO) != 0;
    pszLine[0] = '\0';

    if (pszPrompt != NULL && (dwError = LineInputWriteString(li, pszPrompt)) != NO_ERROR) return dwError;
    ullDeadline = GetTickCount64() + (ULONGLONG)li->dwTimeoutSeconds * 1000u;

    for (;;) {
        if (li->cbUnread == 0 && (dwError = ReceiveChunk(li, ullDeadline)) != NO_ERROR) break;

        while (li->cbUnread > 0) {
            BYTE b = li->pRecvBuf[li->ibUnread];
            li->pRecvBuf[li->ibUnread] = 0;   /* consumed: do not leave it lying around */
            ++li->ibUnread;
            --li->cbUnread;

            /* The LF of a CRLF, or the NUL of telnet's CR NUL. */
            if ((b == '\n' || b == 0) && li->fLastWasCR) {
                li->fLastWasCR = FALSE;
                continue;
            }
            li->fLastWasCR = (b == '\r');

            if (b == '\r' || b == '\n') return EndLine(li, &t);
            dwError = (b == 0x08 || b == 0x7F) ? Erase(li, &t) : Keep(li, &t, b);
            if (dwError != NO_ERROR) goto failed;
        }
        if ((dwError = EchoFlush(li, &t.echo)) != NO_ERROR) break;
    }

failed:
    SecureZeroMemory(pszLine, cchLine);
    return dwError;
}

BOOL LineInputConclude(LINE_INPUT *li, SECURITY_MESSAGE *pMsg, DWORD dwError, LPCSTR pszUser)
{
    switch (dwError) {
    case ERROR_OPERATION_ABORTED:
        return FALSE;
    case NO_ERROR:
        LineInputWriteString(li, "Access denied.\r\n");
        pMsg->dwMsgId = SECURITYMSG_FAILURE;
        pMsg->dwError = NO_ERROR;
        lstrcpyn(pMsg->UserName, pszUser != NULL ? pszUser : "", sizeof pMsg->UserName);
        return TRUE;
    case ERROR_REQUEST_TIMEOUT:
        LineInputWriteString(li, "\r\nTimed out.\r\n");
        break;
    default:
        break;
    }
    pMsg->dwMsgId = SECURITYMSG_ERROR;
    pMsg->dwError = dwError;
    return TRUE;
}
