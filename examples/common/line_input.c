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
        /* Send has copied the bytes when it returns (spec OQ-12), so the
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

DWORD LineInputRead(LINE_INPUT *li, LPCSTR pszPrompt, LPSTR pszLine, DWORD cchLine, DWORD dwFlags)
{
    const BOOL fEcho = (dwFlags & LINE_ECHO) != 0;
    DWORD cch = 0;          /* characters kept in pszLine */
    DWORD cchLost = 0;      /* characters typed beyond the buffer */
    DWORD dwError = NO_ERROR;
    ULONGLONG ullDeadline;
    ECHO echo;

    if (cchLine == 0) return ERROR_INSUFFICIENT_BUFFER;
    pszLine[0] = '\0';
    echo.cb = 0;

    if (pszPrompt != NULL && (dwError = LineInputWriteString(li, pszPrompt)) != NO_ERROR) return dwError;
    ullDeadline = GetTickCount64() + (ULONGLONG)li->dwTimeoutSeconds * 1000u;

    for (;;) {
        if (li->cbUnread == 0 && (dwError = ReceiveChunk(li, ullDeadline)) != NO_ERROR) break;

        while (li->cbUnread > 0) {
            BYTE b = li->pRecvBuf[li->ibUnread];
            li->pRecvBuf[li->ibUnread] = 0;   /* consumed: do not leave it lying around */
            ++li->ibUnread;
            --li->cbUnread;

            if (b == '\n' && li->fLastWasCR) {   /* the LF of a CRLF */
                li->fLastWasCR = FALSE;
                continue;
            }
            li->fLastWasCR = (b == '\r');

            if (b == '\r' || b == '\n') {
                pszLine[cch] = '\0';
                if ((dwError = EchoFlush(li, &echo)) == NO_ERROR) dwError = LineInputWriteString(li, "\r\n");
                if (dwError == NO_ERROR && cchLost > 0) dwError = ERROR_INSUFFICIENT_BUFFER;
                if (dwError != NO_ERROR) SecureZeroMemory(pszLine, cchLine);
                return dwError;
            }
            if (b == 0x08 || b == 0x7F) {
                if (cchLost > 0) {
                    --cchLost;
                } else if (cch > 0) {
                    pszLine[--cch] = '\0';
                } else {
                    continue;   /* nothing to erase */
                }
                if (fEcho && (dwError = EchoAdd(li, &echo, "\b \b", 3)) != NO_ERROR) goto failed;
                continue;
            }
            if (b < 0x20) continue;   /* other control characters */

            if (cch + 1 < cchLine) {
                pszLine[cch++] = (CHAR)b;
            } else if (cchLost < 0xFFFFFFFFu) {
                ++cchLost;
            }
            if (fEcho && (dwError = EchoAdd(li, &echo, (const char *)&b, 1)) != NO_ERROR) goto failed;
        }
        if ((dwError = EchoFlush(li, &echo)) != NO_ERROR) break;
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
