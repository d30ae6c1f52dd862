/*
 * check_gate.c - see check_gate.h.
 */
#include "check_gate.h"

#include <raserror.h>
#include <stdlib.h>

#include "cpu_count.h"

static HANDLE g_hLock = NULL;   /* auto-reset, signalled = free */
static HANDLE g_hPlace = NULL;  /* auto-reset, set when a place may be free */
static DWORD g_cFree = 0;
static DWORD g_cLimit = 1;

static DWORD ReadLimit(VOID)
{
    const char *psz = getenv(CHECK_GATE_ENV);
    char *pszEnd = NULL;
    unsigned long ul;
    DWORD cCpus;

    if (psz != NULL && *psz >= '0' && *psz <= '9') {
        ul = strtoul(psz, &pszEnd, 10);
        if (*pszEnd == '\0' && ul >= 1 && ul <= CHECK_GATE_MAX) return (DWORD)ul;
    }
    cCpus = CpuCount();
    return cCpus < 1 ? 1 : cCpus > CHECK_GATE_MAX ? CHECK_GATE_MAX : cCpus;
}

BOOL CheckGateAttach(VOID)
{
    g_cLimit = ReadLimit();
    g_cFree = g_cLimit;
    g_hLock = CreateEvent(NULL, FALSE, TRUE, NULL);
    g_hPlace = CreateEvent(NULL, FALSE, FALSE, NULL);
    return g_hLock != NULL && g_hPlace != NULL;
}

VOID CheckGateDetach(VOID)
{
    if (g_hLock != NULL) CloseHandle(g_hLock);
    if (g_hPlace != NULL) CloseHandle(g_hPlace);
    g_hLock = NULL;
    g_hPlace = NULL;
}

DWORD CheckGateLimit(VOID)
{
    return g_cLimit;
}

DWORD CheckGateEnter(HANDLE hStop)
{
    for (;;) {
        HANDLE ahWait[2];
        BOOL fTaken = FALSE;

        WaitForSingleObject(g_hLock, INFINITE);
        if (g_cFree > 0) {
            --g_cFree;
            fTaken = TRUE;
            /* More places free: pass the wake-up on, since one SetEvent
             * may stand for several Leaves. */
            if (g_cFree > 0) SetEvent(g_hPlace);
        }
        SetEvent(g_hLock);
        if (fTaken) return NO_ERROR;

        /* The stop event first: when both are set, End wins. */
        ahWait[0] = hStop;
        ahWait[1] = g_hPlace;
        if (WaitForMultipleObjects(2, ahWait, FALSE, INFINITE) != WAIT_OBJECT_0 + 1) return ERROR_OPERATION_ABORTED;
    }
}

VOID CheckGateLeave(VOID)
{
    WaitForSingleObject(g_hLock, INFINITE);
    ++g_cFree;
    SetEvent(g_hLock);
    SetEvent(g_hPlace);
}
