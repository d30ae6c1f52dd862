/*
 * totp.c - example RAS security DLL: a token card. The user types a name
 * and the 6-digit code the token (or an authenticator app) shows; the code
 * is an RFC 6238 TOTP: HMAC-SHA1, 30-second steps from T0 = 0, 6 digits,
 * one step of clock skew accepted either way (totp_core.c).
 *
 * The dialog:
 *     Username: alice            (echoed)
 *     Token code:                (not echoed)
 *     Welcome.                   -> SECURITYMSG_SUCCESS, UserName "alice"
 * or "Invalid code." and another try; after three failed tries
 * "Access denied." and SECURITYMSG_FAILURE.
 *
 * Secrets: the file named by RASSHOST_TOTP_FILE (default "totp-secrets.txt"
 * in RASSHOST_EXAMPLE_CONFIG_DIR: /etc/rasshost/ on POSIX), one "user:BASE32SECRET" per line, '#' lines
 * and blank lines ignored, read afresh on every try. The secret is RFC 4648
 * base32 (case-insensitive, padding optional) of 16..64 bytes. An unknown
 * user is checked against a dummy key so the work done is the same.
 *
 * Replay protection (RFC 6238 section 5.2): a code is accepted only if its
 * time step is later than the last one accepted for that user, so a code
 * cannot be used twice -- not even by two dialogs at once. The record is
 * kept in memory by this DLL (lost when it is unloaded) in a table of
 * REPLAY_SLOTS users; entries older than the skew window are reused, and if
 * the table is full of fresh entries the login is refused (fail closed).
 *
 * Lockout (common/lockout.h): a name with too many recent failures is
 * locked out; its codes are answered "Invalid code." without a check.
 *
 * Same legacy structure as password.c: Begin starts a worker, the worker
 * runs RunDialog and calls Complete, End stops and frees
 * (common/dialog_ports.c).
 */
#include <windows.h>
#include <rasshost.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialog_ports.h"
#include "lockout.h"
#include "totp_core.h"

#define MAX_TRIES 3
#define REPLAY_SLOTS 256
#define TOTP_FILE_ENV "RASSHOST_TOTP_FILE"
#define TOTP_FILE_DEFAULT RASSHOST_EXAMPLE_CONFIG_DIR "totp-secrets.txt"
#define SECRET_LINE_MAX (UNLEN + 1 + 128 + 2)

/* Guards the replay record: an auto-reset event created signalled
 * (WaitForSingleObject takes it, SetEvent gives it back; the Win32 subset
 * has no critical sections). */
static HANDLE g_hReplayLock = NULL;

static VOID Lock(VOID) { WaitForSingleObject(g_hReplayLock, INFINITE); }
static VOID Unlock(VOID) { SetEvent(g_hReplayLock); }

/* Replay record: the last accepted time step per user. Under g_hReplayLock. */
typedef struct _REPLAY_SLOT {
    CHAR szUser[UNLEN + 1];
    ULONGLONG ullCounter;
} REPLAY_SLOT;

static REPLAY_SLOT g_aReplay[REPLAY_SLOTS];

/* Accepts step ullCounter for pszUser unless a step as late or later was
 * accepted before; records it. ullNow is the current step. */
static BOOL AcceptStep(LPCSTR pszUser, ULONGLONG ullCounter, ULONGLONG ullNow)
{
    REPLAY_SLOT *pFree = NULL;
    BOOL fAccepted = FALSE;
    int i;

    Lock();
    for (i = 0; i < REPLAY_SLOTS; ++i) {
        REPLAY_SLOT *pSlot = &g_aReplay[i];
        if (pSlot->szUser[0] != '\0' && lstrcmp(pSlot->szUser, pszUser) == 0) {
            pFree = pSlot;
            break;
        }
        /* Empty, or too old to block any code still inside the window. */
        if (pFree == NULL && (pSlot->szUser[0] == '\0' || pSlot->ullCounter + TOTP_WINDOW < ullNow)) pFree = pSlot;
    }
    if (pFree != NULL && (pFree->szUser[0] == '\0' || lstrcmp(pFree->szUser, pszUser) != 0 ||
                          ullCounter > pFree->ullCounter)) {
        lstrcpyn(pFree->szUser, pszUser, sizeof pFree->szUser);
        pFree->ullCounter = ullCounter;
        fAccepted = TRUE;
    }
    Unlock();
    return fAccepted;
}

/* Finds pszUser's secret in the file (reading all of it). Returns 1 and the
 * key, 0 if the user has no valid line, -1 if the file cannot be read. */
static int LookupSecret(LPCSTR pszUser, BYTE *pbKey, size_t *pcbKey)
{
    CHAR szLine[SECRET_LINE_MAX + 1];
    BYTE abKey[TOTP_KEY_MAX];
    size_t cbKey;
    int result = 0, fSkip = 0;
    const char *pszPath = getenv(TOTP_FILE_ENV);
    FILE *pf = fopen(pszPath != NULL && *pszPath != '\0' ? pszPath : TOTP_FILE_DEFAULT, "r");

    *pcbKey = 0;
    if (pf == NULL) return -1;
    while (fgets(szLine, sizeof szLine, pf) != NULL) {
        size_t cchLine = strcspn(szLine, "\r\n");
        int fWhole = szLine[cchLine] != '\0' || feof(pf);
        char *pszColon;

        if (fSkip || !fWhole) {          /* an overlong line never matches */
            fSkip = !fWhole;
            continue;
        }
        szLine[cchLine] = '\0';
        pszColon = strchr(szLine, ':');
        if (szLine[0] == '#' || pszColon == NULL || pszColon == szLine) continue;
        *pszColon = '\0';
        if (result == 0 && lstrcmp(szLine, pszUser) == 0 &&
            TotpBase32Decode(pszColon + 1, strlen(pszColon + 1), abKey, sizeof abKey, &cbKey) == 0 &&
            cbKey >= TOTP_KEY_MIN) {
            CopyMemory(pbKey, abKey, cbKey);
            *pcbKey = cbKey;
            result = 1;
        }
        SecureZeroMemory(szLine, sizeof szLine);
    }
    if (ferror(pf)) result = -1;
    fclose(pf);
    SecureZeroMemory(abKey, sizeof abKey);
    return result;
}

/* 1: right code, not replayed; 0: wrong; -1: the secrets file is unusable. */
static int CheckCode(LPCSTR pszUser, LPCSTR pszCode)
{
    static const BYTE abDummyKey[20] = {0};
    BYTE abKey[TOTP_KEY_MAX];
    size_t cbKey = 0;
    uint64_t ullCounter = 0, ullNow = 0;
    time_t now = time(NULL);
    int found, match;

    if (now == (time_t)-1 || now < 0) return -1;
    found = pszUser[0] != '\0' ? LookupSecret(pszUser, abKey, &cbKey) : 0;
    if (found < 0) return -1;
    /* The same computation whether or not the user exists. */
    match = TotpVerify(found ? abKey : abDummyKey, found ? cbKey : sizeof abDummyKey, (uint64_t)now, pszCode,
                       &ullCounter);
    SecureZeroMemory(abKey, sizeof abKey);
    if (match < 0) return -1;
    if (!found || match == 0) return 0;
    TotpCounter((uint64_t)now, TOTP_T0, TOTP_STEP, &ullNow);
    return AcceptStep(pszUser, ullCounter, ullNow) ? 1 : 0;
}

/* The dialog proper. Fills *pMsg; returns FALSE if End stopped it. */
static BOOL RunDialog(LINE_INPUT *li, SECURITY_MESSAGE *pMsg)
{
    CHAR szUser[UNLEN + 1];
    CHAR szCode[16];
    DWORD dwError = NO_ERROR;
    int iTry, result;

    szUser[0] = '\0';
    for (iTry = 0; iTry < MAX_TRIES; ++iTry) {
        dwError = LineInputRead(li, "Username: ", szUser, sizeof szUser, LINE_ECHO);
        if (dwError != NO_ERROR && dwError != ERROR_INSUFFICIENT_BUFFER) break;
        dwError = LineInputRead(li, "Token code: ", szCode, sizeof szCode, 0);
        if (dwError != NO_ERROR && dwError != ERROR_INSUFFICIENT_BUFFER) break;

        result = 0;   /* locked out: the code is not checked */
        if (LockoutBeginTry(szUser, GetTickCount64())) {
            result = CheckCode(szUser, szCode);
            LockoutEndTry(szUser, result > 0 ? LOCKOUT_SUCCESS : result == 0 ? LOCKOUT_FAILURE : LOCKOUT_NO_VERDICT,
                          GetTickCount64());
        }
        SecureZeroMemory(szCode, sizeof szCode);
        dwError = NO_ERROR;

        if (result > 0) {
            lstrcpyn(pMsg->UserName, szUser, sizeof pMsg->UserName);
            pMsg->dwMsgId = SECURITYMSG_SUCCESS;
            pMsg->dwError = NO_ERROR;
            LineInputWriteString(li, "Welcome.\r\n");
            return TRUE;
        }
        if (result < 0) {
            OutputDebugString("totp: cannot read the secrets file");
            LineInputWriteString(li, "Service unavailable.\r\n");
            dwError = ERROR_AUTH_INTERNAL;
            break;
        }
        if (iTry + 1 < MAX_TRIES && (dwError = LineInputWriteString(li, "Invalid code.\r\n")) != NO_ERROR) break;
    }
    SecureZeroMemory(szCode, sizeof szCode);
    return LineInputConclude(li, pMsg, dwError, szUser);
}

DWORD WINAPI RasSecurityDialogBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                                    DWORD RecvBufSize, VOID (WINAPI *RasSecurityDialogComplete)(SECURITY_MESSAGE *))
{
    return DialogPortsBegin(hPort, pSendBuf, SendBufSize, pRecvBuf, RecvBufSize, RasSecurityDialogComplete);
}

DWORD WINAPI RasSecurityDialogEnd(HPORT hPort)
{
    return DialogPortsEnd(hPort);
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved)
{
    (void)hinstDLL;
    (void)lpvReserved;
    if (fdwReason == DLL_PROCESS_ATTACH) {
        g_hReplayLock = CreateEvent(NULL, FALSE, TRUE, NULL);
        if (g_hReplayLock == NULL) return FALSE;
        return LockoutAttach("totp") && DialogPortsAttach("totp", RunDialog);
    }
    if (fdwReason == DLL_PROCESS_DETACH) {
        DialogPortsDetach();
        LockoutDetach();
        if (g_hReplayLock != NULL) CloseHandle(g_hReplayLock);
        g_hReplayLock = NULL;
    }
    return TRUE;
}
