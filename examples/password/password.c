/*
 * password.c - example RAS security DLL: user name and password, checked
 * against a file of Argon2id hashes (see password_file.h for the file and
 * README.md for the whole story).
 *
 * The dialog, on the remote user's terminal:
 *     Username: alice            (echoed)
 *     Password:                  (never echoed)
 *     Welcome.                   -> SECURITYMSG_SUCCESS, UserName "alice"
 * or "Login incorrect." and another try; after three failed tries
 * "Access denied." and SECURITYMSG_FAILURE with the last name typed.
 * "CORP\alice" reports Domain "CORP", UserName "alice".
 *
 * Legacy structure, as Windows security DLLs are written:
 *  - Begin copies its arguments into a per-port context on the heap, starts
 *    a worker thread and returns at once;
 *  - the worker runs the dialog through rasman.dll's Send/Receive/GetInfo
 *    (line_input.c) and calls the completion callback with a
 *    SECURITY_MESSAGE on its own stack;
 *  - End sets the port's stop event, waits (bounded) for the worker, frees
 *    the context and returns ERROR_PORT_DISCONNECTED.
 */
#include <windows.h>
#include <rasshost.h>
#include <raserror.h>
#include <string.h>

#include "line_input.h"
#include "password_file.h"

#define MAX_TRIES 3
#define END_WAIT_MS 10000u   /* End's bound on waiting for the worker */

typedef char name_max_is_unlen[PASSWORD_NAME_MAX == UNLEN ? 1 : -1];
typedef char domain_max_is_dnlen[PASSWORD_DOMAIN_MAX == DNLEN ? 1 : -1];
typedef char password_max_is_pwlen[PASSWORD_MAX == PWLEN ? 1 : -1];

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

/* The dialog proper. Fills *pMsg; returns FALSE if End stopped it (then
 * Complete must not be called). */
static BOOL RunDialog(PORT_CONTEXT *pCtx, SECURITY_MESSAGE *pMsg)
{
    LINE_INPUT *li = &pCtx->input;
    CHAR szName[PASSWORD_NAME_MAX + 1];
    CHAR szPassword[PASSWORD_MAX + 1];
    DWORD dwError = NO_ERROR;
    int iTry, result;

    szName[0] = '\0';
    for (iTry = 0; iTry < MAX_TRIES; ++iTry) {
        /* A name or password that does not fit is just a wrong one. */
        dwError = LineInputRead(li, "Username: ", szName, sizeof szName, LINE_ECHO);
        if (dwError != NO_ERROR && dwError != ERROR_INSUFFICIENT_BUFFER) break;
        dwError = LineInputRead(li, "Password: ", szPassword, sizeof szPassword, 0);
        if (dwError != NO_ERROR && dwError != ERROR_INSUFFICIENT_BUFFER) break;

        result = PasswordFileCheck(PasswordFilePath(), szName, szPassword, strlen(szPassword), NULL);
        SecureZeroMemory(szPassword, sizeof szPassword);
        dwError = NO_ERROR;

        if (result == PASSWORD_MATCH) {
            /* Valid names always split (PasswordNameIsValid checked it). */
            PasswordSplitName(szName, pMsg->Domain, sizeof pMsg->Domain, pMsg->UserName, sizeof pMsg->UserName);
            pMsg->dwMsgId = SECURITYMSG_SUCCESS;
            pMsg->dwError = NO_ERROR;
            LineInputWriteString(li, "Welcome.\r\n");
            return TRUE;
        }
        if (result != PASSWORD_MISMATCH) {
            OutputDebugString(result == PASSWORD_FILE_ERROR ? "password: cannot read the password file"
                                                            : "password: the crypto library failed");
            LineInputWriteString(li, "Service unavailable.\r\n");
            dwError = ERROR_AUTH_INTERNAL;
            break;
        }
        if (iTry + 1 < MAX_TRIES && (dwError = LineInputWriteString(li, "Login incorrect.\r\n")) != NO_ERROR)
            break;
    }
    SecureZeroMemory(szPassword, sizeof szPassword);
    return LineInputConclude(li, pMsg, dwError, szName);
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
        OutputDebugString("password: worker did not stop; its context is leaked");
        return ERROR_PORT_DISCONNECTED;
    }
    FreeContext(pCtx);
    return ERROR_PORT_DISCONNECTED;
}
