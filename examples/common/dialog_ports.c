/*
 * dialog_ports.c - see dialog_ports.h.
 */
#include "dialog_ports.h"

#include <raserror.h>

#define END_WAIT_MS 10000u

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
static DIALOG_FUNCTION g_pfnDialog = NULL;
static CHAR g_szStuckMessage[96];

static VOID Lock(VOID) { WaitForSingleObject(g_hLock, INFINITE); }
static VOID Unlock(VOID) { SetEvent(g_hLock); }

BOOL DialogPortsAttach(LPCSTR pszName, DIALOG_FUNCTION pfnDialog)
{
    g_pfnDialog = pfnDialog;
    lstrcpyn(g_szStuckMessage, pszName, 32);
    lstrcat(g_szStuckMessage, ": worker did not stop; its context is leaked");
    g_hLock = CreateEvent(NULL, FALSE, TRUE, NULL);
    return g_hLock != NULL;
}

VOID DialogPortsDetach(VOID)
{
    if (g_hLock != NULL) {
        CloseHandle(g_hLock);
        g_hLock = NULL;
    }
}

static VOID FreeContext(PORT_CONTEXT *pCtx)
{
    LineInputClose(&pCtx->input);
    if (pCtx->hThread != NULL) CloseHandle(pCtx->hThread);
    if (pCtx->hStopEvent != NULL) CloseHandle(pCtx->hStopEvent);
    HeapFree(GetProcessHeap(), 0, pCtx);
}

static DWORD WINAPI DialogThread(LPVOID pv)
{
    PORT_CONTEXT *pCtx = (PORT_CONTEXT *)pv;
    SECURITY_MESSAGE msg;

    ZeroMemory(&msg, sizeof msg);
    msg.hPort = pCtx->hPort;
    if (g_pfnDialog(&pCtx->input, &msg)) pCtx->pfnComplete(&msg);
    /* The context stays until End: the host may still be finishing a
     * receive into it. */
    return 0;
}

DWORD DialogPortsBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf, DWORD RecvBufSize,
                       VOID (WINAPI *pfnComplete)(SECURITY_MESSAGE *))
{
    PORT_CONTEXT *pCtx;
    DWORD dwError;

    if (g_hLock == NULL || g_pfnDialog == NULL) return ERROR_DLL_INIT_FAILED;
    if (pfnComplete == NULL) return ERROR_INVALID_PARAMETER;

    pCtx = (PORT_CONTEXT *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *pCtx);
    if (pCtx == NULL) return ERROR_NOT_ENOUGH_MEMORY;
    pCtx->hPort = hPort;
    pCtx->pfnComplete = pfnComplete;
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

DWORD DialogPortsEnd(HPORT hPort)
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
        OutputDebugString(g_szStuckMessage);
        return ERROR_PORT_DISCONNECTED;
    }
    FreeContext(pCtx);
    return ERROR_PORT_DISCONNECTED;
}
