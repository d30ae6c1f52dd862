/*
 * callback.c - example RAS security DLL in the classic callback style: the
 * caller types the number to be called back at; the DLL accepts it only if
 * it is on an allow-list, and reports it as the user name.
 *
 * The dialog:
 *     Callback number: +1 555-0100 199      (echoed)
 *     Calling you back at +15550100199.   -> SECURITYMSG_SUCCESS,
 *                                            UserName "+15550100199"
 * or "Number not allowed." / "Invalid number." and another try; after three
 * failed tries "Access denied." and SECURITYMSG_FAILURE (UserName: the last
 * valid number typed, or empty).
 *
 * Numbers: digits with an optional leading '+'; spaces and dashes may be
 * typed anywhere and are dropped; anything else makes the number invalid;
 * at most NUMBER_DIGITS_MAX digits. "+1 555" and "1555" are different
 * numbers (no country-code guessing).
 *
 * Allow-list: the file named by RASSHOST_CALLBACK_LIST (default
 * "callback-numbers.txt" in the current directory), one number per line,
 * written as the caller may type it; '#' starts a comment, blank and
 * invalid lines are ignored; read afresh on every try. Numbers are not
 * secrets, so a plain comparison is fine here.
 *
 * Same legacy structure as password.c: Begin starts a worker, the worker
 * calls Complete, End stops and frees.
 */
#include <windows.h>
#include <rasshost.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_input.h"

#define MAX_TRIES 3
#define END_WAIT_MS 10000u
#define NUMBER_DIGITS_MAX 24
#define NUMBER_MAX (NUMBER_DIGITS_MAX + 1)   /* with the '+' */
#define NUMBER_LINE_MAX 128                  /* typed line or list line */
#define CALLBACK_LIST_ENV "RASSHOST_CALLBACK_LIST"
#define CALLBACK_LIST_DEFAULT "callback-numbers.txt"

/* Everything one dialog needs, from Begin to End. */
typedef struct _PORT_CONTEXT {
    struct _PORT_CONTEXT *pNext;
    HPORT hPort;
    VOID (WINAPI *pfnComplete)(SECURITY_MESSAGE *);
    HANDLE hStopEvent;       /* manual-reset: End asks the worker to stop */
    HANDLE hThread;          /* the worker */
    LINE_INPUT input;
} PORT_CONTEXT;

/* The live dialogs, for End to find by HPORT. The lock is an auto-reset
 * event created signalled: WaitForSingleObject takes it, SetEvent gives it
 * back (the Win32 subset has no critical sections). */
static HANDLE g_hLock = NULL;
static PORT_CONTEXT *g_pPorts = NULL;

static VOID Lock(VOID) { WaitForSingleObject(g_hLock, INFINITE); }
static VOID Unlock(VOID) { SetEvent(g_hLock); }

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved)
{
    (void)hinstDLL;
    (void)lpvReserved;
    if (fdwReason == DLL_PROCESS_ATTACH) {
        g_hLock = CreateEvent(NULL, FALSE, TRUE, NULL);
        return g_hLock != NULL;
    }
    if (fdwReason == DLL_PROCESS_DETACH && g_hLock != NULL) {
        CloseHandle(g_hLock);
        g_hLock = NULL;
    }
    return TRUE;
}

static VOID FreeContext(PORT_CONTEXT *pCtx)
{
    LineInputClose(&pCtx->input);
    if (pCtx->hThread != NULL) CloseHandle(pCtx->hThread);
    if (pCtx->hStopEvent != NULL) CloseHandle(pCtx->hStopEvent);
    HeapFree(GetProcessHeap(), 0, pCtx);
}

/* Normalizes a typed number into pszOut (NUMBER_MAX + 1 bytes): digits and
 * a leading '+', separators dropped. FALSE if it is not a valid number. */
static BOOL NormalizeNumber(LPCSTR pszIn, LPSTR pszOut)
{
    size_t cch = 0, cDigits = 0;

    pszOut[0] = '\0';
    for (; *pszIn != '\0'; ++pszIn) {
        CHAR c = *pszIn;
        if (c == ' ' || c == '-') continue;
        if (c == '+' && cch == 0) {
            pszOut[cch++] = c;
            continue;
        }
        if (c < '0' || c > '9' || cDigits == NUMBER_DIGITS_MAX) {
            pszOut[0] = '\0';
            return FALSE;
        }
        pszOut[cch++] = c;
        ++cDigits;
    }
    pszOut[cch] = '\0';
    if (cDigits == 0) pszOut[0] = '\0';
    return cDigits > 0;
}

/* 1 if the normalized number is on the allow-list, 0 if not, -1 if the
 * list cannot be read. */
static int IsAllowed(LPCSTR pszNumber)
{
    CHAR szLine[NUMBER_LINE_MAX + 2];
    CHAR szListed[NUMBER_MAX + 1];
    const char *pszPath = getenv(CALLBACK_LIST_ENV);
    int result = 0, fSkip = 0;
    FILE *pf = fopen(pszPath != NULL && *pszPath != '\0' ? pszPath : CALLBACK_LIST_DEFAULT, "r");

    if (pf == NULL) return -1;
    while (result == 0 && fgets(szLine, sizeof szLine, pf) != NULL) {
        size_t cchLine = strcspn(szLine, "\r\n");
        int fWhole = szLine[cchLine] != '\0' || feof(pf);

        if (fSkip || !fWhole) {             /* an overlong line never matches */
            fSkip = !fWhole;
            continue;
        }
        szLine[strcspn(szLine, "#\r\n")] = '\0';
        if (NormalizeNumber(szLine, szListed) && lstrcmp(szListed, pszNumber) == 0) result = 1;
    }
    if (ferror(pf)) result = -1;
    fclose(pf);
    return result;
}

/* The dialog proper. Fills *pMsg; returns FALSE if End stopped it. */
static BOOL RunDialog(PORT_CONTEXT *pCtx, SECURITY_MESSAGE *pMsg)
{
    LINE_INPUT *li = &pCtx->input;
    CHAR szTyped[NUMBER_LINE_MAX + 1];
    CHAR szNumber[NUMBER_MAX + 1];
    CHAR szLastValid[NUMBER_MAX + 1];
    CHAR szReply[NUMBER_MAX + 64];
    DWORD dwError = NO_ERROR;
    int iTry, result = 0;

    szLastValid[0] = '\0';
    for (iTry = 0; iTry < MAX_TRIES; ++iTry) {
        LPCSTR pszComplaint = "Invalid number.\r\n";

        dwError = LineInputRead(li, "Callback number: ", szTyped, sizeof szTyped, LINE_ECHO);
        if (dwError != NO_ERROR && dwError != ERROR_INSUFFICIENT_BUFFER) break;
        dwError = NO_ERROR;

        if (NormalizeNumber(szTyped, szNumber)) {
            lstrcpy(szLastValid, szNumber);
            result = IsAllowed(szNumber);
            if (result > 0) {
                lstrcpyn(pMsg->UserName, szNumber, sizeof pMsg->UserName);
                pMsg->dwMsgId = SECURITYMSG_SUCCESS;
                pMsg->dwError = NO_ERROR;
                wsprintf(szReply, "Calling you back at %s.\r\n", szNumber);
                LineInputWriteString(li, szReply);
                return TRUE;
            }
            if (result < 0) {
                OutputDebugString("callback: cannot read the allow-list");
                LineInputWriteString(li, "Service unavailable.\r\n");
                dwError = ERROR_AUTH_INTERNAL;
                break;
            }
            pszComplaint = "Number not allowed.\r\n";
        }
        if (iTry + 1 < MAX_TRIES && (dwError = LineInputWriteString(li, pszComplaint)) != NO_ERROR) break;
    }
    return LineInputConclude(li, pMsg, dwError, szLastValid);
}

static DWORD WINAPI DialogThread(LPVOID pv)
{
    PORT_CONTEXT *pCtx = (PORT_CONTEXT *)pv;
    SECURITY_MESSAGE msg;

    ZeroMemory(&msg, sizeof msg);
    msg.hPort = pCtx->hPort;
    if (RunDialog(pCtx, &msg)) pCtx->pfnComplete(&msg);
    /* The context stays until End: the host may still be finishing a
     * receive into it. */
    return 0;
}

DWORD WINAPI RasSecurityDialogBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                                    DWORD RecvBufSize, VOID (WINAPI *RasSecurityDialogComplete)(SECURITY_MESSAGE *))
{
    PORT_CONTEXT *pCtx;
    DWORD dwError;

    if (g_hLock == NULL) return ERROR_DLL_INIT_FAILED;
    if (RasSecurityDialogComplete == NULL) return ERROR_INVALID_PARAMETER;

    pCtx = (PORT_CONTEXT *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *pCtx);
    if (pCtx == NULL) return ERROR_NOT_ENOUGH_MEMORY;
    pCtx->hPort = hPort;
    pCtx->pfnComplete = RasSecurityDialogComplete;
    pCtx->hStopEvent = CreateEvent(NULL, TRUE, FALSE, NULL);
    if (pCtx->hStopEvent == NULL) {
        FreeContext(pCtx);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    dwError = LineInputOpen(&pCtx->input, hPort, pSendBuf, SendBufSize, pRecvBuf, RecvBufSize, pCtx->hStopEvent);
    if (dwError != NO_ERROR) {
        FreeContext(pCtx);
        return dwError;
    }

    pCtx->hThread = CreateThread(NULL, 0, DialogThread, pCtx, 0, NULL);
    if (pCtx->hThread == NULL) {
        dwError = GetLastError();
        FreeContext(pCtx);
        return dwError != NO_ERROR ? dwError : ERROR_NOT_ENOUGH_MEMORY;
    }

    Lock();
    pCtx->pNext = g_pPorts;
    g_pPorts = pCtx;
    Unlock();
    return NO_ERROR;
}

DWORD WINAPI RasSecurityDialogEnd(HPORT hPort)
{
    PORT_CONTEXT **ppCtx, *pCtx = NULL;

    if (g_hLock == NULL) return ERROR_PORT_DISCONNECTED;
    Lock();
    for (ppCtx = &g_pPorts; *ppCtx != NULL; ppCtx = &(*ppCtx)->pNext) {
        if ((*ppCtx)->hPort == hPort) {
            pCtx = *ppCtx;
            *ppCtx = pCtx->pNext;
            break;
        }
    }
    Unlock();
    if (pCtx == NULL) return ERROR_PORT_DISCONNECTED;

    SetEvent(pCtx->hStopEvent);
    if (WaitForSingleObject(pCtx->hThread, END_WAIT_MS) != WAIT_OBJECT_0) {
        /* The worker is stuck: leaking its context is safer than freeing
         * memory it still uses. */
        OutputDebugString("callback: worker did not stop; its context is leaked");
        return ERROR_PORT_DISCONNECTED;
    }
    FreeContext(pCtx);
    return ERROR_PORT_DISCONNECTED;
}
