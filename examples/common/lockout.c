/*
 * lockout.c - see lockout.h.
 */
#include "lockout.h"

#include <rasshost.h>
#include <stdlib.h>

#include "log_text.h"

/* One tracked user. A slot is empty when szUser is "". */
typedef struct _LOCKOUT_SLOT {
    CHAR szUser[UNLEN + 1];
    ULONGLONG aullFailures[LOCKOUT_MAX_DENY];   /* the latest failure times, a ring */
    DWORD cFailures;                            /* valid entries in the ring */
    DWORD iNext;                                /* where the next failure goes */
    DWORD cInFlight;                            /* tries begun, not yet ended */
    BOOL fLocked;
    ULONGLONG ullLockedUntil;
} LOCKOUT_SLOT;

/* The table and its lock: an auto-reset event created signalled
 * (WaitForSingleObject takes it, SetEvent gives it back; the Win32 subset
 * has no critical sections). */
static HANDLE g_hLock = NULL;
static LOCKOUT_SLOT g_aSlots[LOCKOUT_SLOTS];
static BOOL g_fFullReported = FALSE;
static CHAR g_szName[32];

static VOID Lock(VOID) { WaitForSingleObject(g_hLock, INFINITE); }
static VOID Unlock(VOID) { SetEvent(g_hLock); }

BOOL LockoutAttach(LPCSTR pszName)
{
    ZeroMemory(g_aSlots, sizeof g_aSlots);
    g_fFullReported = FALSE;
    lstrcpyn(g_szName, pszName, sizeof g_szName);
    g_hLock = CreateEvent(NULL, FALSE, TRUE, NULL);
    return g_hLock != NULL;
}

VOID LockoutDetach(VOID)
{
    if (g_hLock != NULL) CloseHandle(g_hLock);
    g_hLock = NULL;
    SecureZeroMemory(g_aSlots, sizeof g_aSlots);   /* names typed: not left lying around */
}

/* A decimal in [dwMin, dwMax] from the environment, else dwDefault. */
static DWORD ReadSetting(LPCSTR pszVariable, DWORD dwMin, DWORD dwMax, DWORD dwDefault)
{
    const char *psz = getenv(pszVariable);
    char *pszEnd = NULL;
    unsigned long ul;

    if (psz == NULL || *psz < '0' || *psz > '9') return dwDefault;
    ul = strtoul(psz, &pszEnd, 10);
    if (*pszEnd != '\0' || ul < dwMin || ul > dwMax) return dwDefault;
    return (DWORD)ul;
}

VOID LockoutGetSettings(LOCKOUT_SETTINGS *pSettings)
{
    pSettings->dwDeny = ReadSetting(LOCKOUT_DENY_ENV, 0, LOCKOUT_MAX_DENY, LOCKOUT_DEFAULT_DENY);
    pSettings->dwIntervalSeconds = ReadSetting(LOCKOUT_INTERVAL_ENV, 1, LOCKOUT_MAX_SECONDS, LOCKOUT_DEFAULT_INTERVAL);
    pSettings->dwUnlockSeconds = ReadSetting(LOCKOUT_UNLOCK_ENV, 1, LOCKOUT_MAX_SECONDS, LOCKOUT_DEFAULT_UNLOCK);
}

static VOID ClearFailures(LOCKOUT_SLOT *pSlot)
{
    pSlot->fLocked = FALSE;
    pSlot->cFailures = 0;
    pSlot->iNext = 0;
}

/* Ends an expired lock: the count starts afresh. */
static VOID Expire(LOCKOUT_SLOT *pSlot, ULONGLONG ullNow)
{
    if (pSlot->fLocked && ullNow >= pSlot->ullLockedUntil) ClearFailures(pSlot);
}

/* Failures within the interval before ullNow. */
static DWORD RecentFailures(const LOCKOUT_SLOT *pSlot, const LOCKOUT_SETTINGS *pSettings, ULONGLONG ullNow)
{
    const ULONGLONG ullInterval = (ULONGLONG)pSettings->dwIntervalSeconds * 1000u;
    DWORD i, c = 0;

    for (i = 0; i < pSlot->cFailures; ++i) {
        ULONGLONG ull = pSlot->aullFailures[i];
        if (ull <= ullNow && ullNow - ull < ullInterval) ++c;
    }
    return c;
}

/* The latest failure of a slot, 0 if none. */
static ULONGLONG LastFailure(const LOCKOUT_SLOT *pSlot)
{
    if (pSlot->cFailures == 0) return 0;
    return pSlot->aullFailures[(pSlot->iNext + LOCKOUT_MAX_DENY - 1) % LOCKOUT_MAX_DENY];
}

/* pszUser's slot; with fCreate, a new one when it has none (see the
 * eviction rule in lockout.h), or NULL when every slot is locked or busy. */
static LOCKOUT_SLOT *FindSlot(LPCSTR pszUser, BOOL fCreate, ULONGLONG ullNow)
{
    LOCKOUT_SLOT *pVictim = NULL;
    int i;

    for (i = 0; i < LOCKOUT_SLOTS; ++i) {
        LOCKOUT_SLOT *pSlot = &g_aSlots[i];
        if (pSlot->szUser[0] != '\0' && lstrcmp(pSlot->szUser, pszUser) == 0) return pSlot;
        if (!fCreate || (pVictim != NULL && pVictim->szUser[0] == '\0')) continue;
        Expire(pSlot, ullNow);
        if (pSlot->szUser[0] == '\0' ||
            (!pSlot->fLocked && pSlot->cInFlight == 0 &&
             (pVictim == NULL || LastFailure(pSlot) < LastFailure(pVictim))))
            pVictim = pSlot;
    }
    if (pVictim != NULL) {
        ZeroMemory(pVictim, sizeof *pVictim);
        lstrcpyn(pVictim->szUser, pszUser, sizeof pVictim->szUser);
        g_fFullReported = FALSE;
    }
    return pVictim;
}

/* Reports through OutputDebugString (outside the lock). */
static VOID Report(LPCSTR pszUser, const LOCKOUT_SETTINGS *pSettings, BOOL fTableFull)
{
    CHAR szUser[LOG_ESCAPED_MAX(128)];   /* a longer name is cut: wsprintf writes at most 1024 */
    CHAR szMessage[sizeof szUser + 160];

    LogEscape(pszUser, szUser, sizeof szUser);
    if (fTableFull)
        wsprintf(szMessage, "%s: the lockout table is full (%d users locked out or being checked); \"%s\" is not tracked",
                 g_szName, LOCKOUT_SLOTS, szUser);
    else
        wsprintf(szMessage, "%s: user \"%s\" locked out for %lu s after %lu failures in %lu s", g_szName, szUser,
                 pSettings->dwUnlockSeconds, pSettings->dwDeny, pSettings->dwIntervalSeconds);
    OutputDebugString(szMessage);
}

BOOL LockoutBeginTry(LPCSTR pszUser, ULONGLONG ullNowMs)
{
    LOCKOUT_SETTINGS settings;
    LOCKOUT_SLOT *pSlot;
    BOOL fAllowed = TRUE, fReportFull = FALSE;

    LockoutGetSettings(&settings);
    if (settings.dwDeny == 0 || pszUser == NULL || pszUser[0] == '\0' || g_hLock == NULL) return TRUE;
    Lock();
    pSlot = FindSlot(pszUser, TRUE, ullNowMs);
    if (pSlot == NULL) {
        fReportFull = !g_fFullReported;
        g_fFullReported = TRUE;
    } else {
        Expire(pSlot, ullNowMs);
        fAllowed = !pSlot->fLocked && RecentFailures(pSlot, &settings, ullNowMs) + pSlot->cInFlight < settings.dwDeny;
        if (fAllowed) ++pSlot->cInFlight;
    }
    Unlock();
    if (fReportFull) Report(pszUser, &settings, TRUE);
    return fAllowed;
}

/* Records a failure; TRUE when it locks the user. Under the lock. */
static BOOL RecordFailure(LOCKOUT_SLOT *pSlot, const LOCKOUT_SETTINGS *pSettings, ULONGLONG ullNow)
{
    pSlot->aullFailures[pSlot->iNext] = ullNow;
    pSlot->iNext = (pSlot->iNext + 1) % LOCKOUT_MAX_DENY;
    if (pSlot->cFailures < LOCKOUT_MAX_DENY) ++pSlot->cFailures;
    if (pSlot->fLocked || RecentFailures(pSlot, pSettings, ullNow) < pSettings->dwDeny) return FALSE;
    pSlot->fLocked = TRUE;
    pSlot->ullLockedUntil = ullNow + (ULONGLONG)pSettings->dwUnlockSeconds * 1000u;
    return TRUE;
}

VOID LockoutEndTry(LPCSTR pszUser, int outcome, ULONGLONG ullNowMs)
{
    LOCKOUT_SETTINGS settings;
    LOCKOUT_SLOT *pSlot;
    BOOL fLocked = FALSE;

    LockoutGetSettings(&settings);
    if (pszUser == NULL || pszUser[0] == '\0' || g_hLock == NULL) return;
    Lock();
    pSlot = FindSlot(pszUser, outcome == LOCKOUT_FAILURE && settings.dwDeny > 0, ullNowMs);
    if (pSlot != NULL) {
        if (pSlot->cInFlight > 0) --pSlot->cInFlight;
        Expire(pSlot, ullNowMs);
        if (outcome == LOCKOUT_SUCCESS) {
            ClearFailures(pSlot);
            if (pSlot->cInFlight == 0) ZeroMemory(pSlot, sizeof *pSlot);
        } else if (outcome == LOCKOUT_FAILURE && settings.dwDeny > 0) {
            fLocked = RecordFailure(pSlot, &settings, ullNowMs);
        }
    }
    Unlock();
    if (fLocked) Report(pszUser, &settings, FALSE);
}
