/* A minimal legacy-style security DLL: asks for a name and accepts it.
 * Written exactly as for Windows: windows.h, rasshost.h, a worker thread,
 * rasman.dll through LoadLibrary + GetProcAddress. */
#include <WINDOWS.H>
#include <RASERROR.H>
#include <RASSHOST.H>
#include "greeter_prompt.h"

typedef DWORD (WINAPI *SENDPROC)(HPORT, PBYTE, WORD);
typedef DWORD (WINAPI *RECEIVEPROC)(HPORT, PBYTE, PWORD, DWORD, HANDLE);

typedef struct {
    HPORT hPort;
    PBYTE pSendBuf;
    DWORD SendBufSize;
    PBYTE pRecvBuf;
    DWORD RecvBufSize;
    VOID (WINAPI *Complete)(SECURITY_MESSAGE *);
} DIALOG;

static SENDPROC g_send;
static RECEIVEPROC g_receive;

static DWORD WINAPI DialogThread(LPVOID param)
{
    DIALOG *d = (DIALOG *)param;
    SECURITY_MESSAGE msg;
    HANDLE event = CreateEvent(NULL, FALSE, FALSE, NULL);
    WORD length = (WORD)(d->RecvBufSize > 64 ? 64 : d->RecvBufSize);
    static const char prompt[] = GREETER_PROMPT;

    ZeroMemory(&msg, sizeof msg);
    msg.hPort = d->hPort;
    msg.dwMsgId = SECURITYMSG_ERROR;
    msg.dwError = ERROR_AUTH_INTERNAL;
    if (event != NULL) {
        CopyMemory(d->pSendBuf, prompt, sizeof prompt - 1);
        g_send(d->hPort, d->pSendBuf, (WORD)(sizeof prompt - 1));
        if (g_receive(d->hPort, d->pRecvBuf, &length, 30, event) == PENDING &&
            WaitForSingleObject(event, INFINITE) == WAIT_OBJECT_0 && length > 0) {
            WORD n = length < UNLEN ? length : UNLEN;
            while (n > 0 && (d->pRecvBuf[n - 1] == '\r' || d->pRecvBuf[n - 1] == '\n')) --n;
            CopyMemory(msg.UserName, d->pRecvBuf, n);
            msg.dwMsgId = SECURITYMSG_SUCCESS;
            msg.dwError = NO_ERROR;
        }
        CloseHandle(event);
    }
    d->Complete(&msg);
    HeapFree(GetProcessHeap(), 0, d);
    return 0;
}

DWORD WINAPI RasSecurityDialogBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                                    DWORD RecvBufSize, VOID (WINAPI *RasSecurityDialogComplete)(SECURITY_MESSAGE *))
{
    HINSTANCE rasman = LoadLibrary("RASMAN.DLL");
    DIALOG *d;
    HANDLE thread;
    if (rasman == NULL) return ERROR_DLL_NOT_FOUND;
    g_send = (SENDPROC)GetProcAddress(rasman, "RasSecurityDialogSend");
    g_receive = (RECEIVEPROC)GetProcAddress(rasman, "RasSecurityDialogReceive");
    if (g_send == NULL || g_receive == NULL) return ERROR_PROC_NOT_FOUND;

    d = (DIALOG *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *d);
    if (d == NULL) return ERROR_OUTOFMEMORY;
    d->hPort = hPort;
    d->pSendBuf = pSendBuf;
    d->SendBufSize = SendBufSize;
    d->pRecvBuf = pRecvBuf;
    d->RecvBufSize = RecvBufSize;
    d->Complete = RasSecurityDialogComplete;
    thread = CreateThread(NULL, 0, DialogThread, d, 0, NULL);
    if (thread == NULL) {
        HeapFree(GetProcessHeap(), 0, d);
        return GetLastError();
    }
    CloseHandle(thread);
    return NO_ERROR;
}

DWORD WINAPI RasSecurityDialogEnd(HPORT hPort)
{
    (void)hPort;
    return ERROR_PORT_DISCONNECTED;
}
