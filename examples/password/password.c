/*
 * password.c - example RAS security DLL: user name and password, checked
 * against a file of password hashes (see password_file.h for the file and
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
 * Against brute force and floods (common/lockout.h, check_gate.h): a name
 * with too many recent failures is locked out, and its tries are answered
 * "Login incorrect." without a check; the hash checks that do run are
 * limited to a few at once, since each takes the hash's memory.
 *
 * Legacy structure, as Windows security DLLs are written (the bookkeeping
 * is shared by the examples, common/dialog_ports.c):
 *  - Begin copies its arguments into a per-port context on the heap, starts
 *    a worker thread and returns at once;
 *  - the worker runs RunDialog below through rasman.dll's Send/Receive/
 *    GetInfo (common/line_input.c) and calls the completion callback with
 *    a SECURITY_MESSAGE on its own stack;
 *  - End sets the port's stop event, waits (bounded) for the worker, frees
 *    the context and returns ERROR_PORT_DISCONNECTED.
 */
#include <windows.h>
#include <rasshost.h>
#include <raserror.h>
#include <string.h>

#include "check_gate.h"
#include "dialog_ports.h"
#include "lockout.h"
#include "log_text.h"
#include "password_file.h"

#define MAX_TRIES 3
#define TRY_ABORTED (-100)   /* CheckTry: End came while waiting for the gate */

typedef char name_max_is_unlen[PASSWORD_NAME_MAX == UNLEN ? 1 : -1];
typedef char domain_max_is_dnlen[PASSWORD_DOMAIN_MAX == DNLEN ? 1 : -1];
typedef char password_max_is_pwlen[PASSWORD_MAX == PWLEN ? 1 : -1];

static VOID ReportUnsafeFile(LPCSTR pszPath, LPCSTR pszWhy)
{
    CHAR szPath[LOG_ESCAPED_MAX(160)];
    CHAR szMessage[sizeof szPath + PASSWORD_WHY_MAX + 64];

    LogEscape(pszPath, szPath, sizeof szPath);
    wsprintf(szMessage, "password: refusing the password file \"%s\": %s", szPath, pszWhy);
    OutputDebugString(szMessage);
}

/* One try's check: PASSWORD_MATCH, PASSWORD_MISMATCH (also, unchecked, for
 * a locked-out name), an error, or TRY_ABORTED. */
static int CheckTry(HANDLE hStop, LPCSTR pszName, LPCSTR pszPassword)
{
    const char *pszPath = PasswordFilePath();
    CHAR szWhy[PASSWORD_WHY_MAX];
    int result, outcome;

    if (!LockoutBeginTry(pszName, GetTickCount64())) return PASSWORD_MISMATCH;
    if (CheckGateEnter(hStop) != NO_ERROR) {
        LockoutEndTry(pszName, LOCKOUT_NO_VERDICT, GetTickCount64());
        return TRY_ABORTED;
    }
    result = PasswordFileCheck(pszPath, pszName, pszPassword, strlen(pszPassword), NULL, szWhy, sizeof szWhy);
    CheckGateLeave();
    outcome = result == PASSWORD_MATCH ? LOCKOUT_SUCCESS : result == PASSWORD_MISMATCH ? LOCKOUT_FAILURE
                                                                                        : LOCKOUT_NO_VERDICT;
    LockoutEndTry(pszName, outcome, GetTickCount64());
    if (result == PASSWORD_FILE_UNSAFE) ReportUnsafeFile(pszPath, szWhy);
    else if (result == PASSWORD_FILE_ERROR) OutputDebugString("password: cannot read the password file");
    else if (result == PASSWORD_CRYPTO_ERROR) OutputDebugString("password: the crypto library failed");
    return result;
}

/* The dialog proper. Fills *pMsg; returns FALSE if End stopped it (then
 * Complete must not be called). */
static BOOL RunDialog(LINE_INPUT *li, SECURITY_MESSAGE *pMsg)
{
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

        result = CheckTry(li->hStopEvent, szName, szPassword);
        SecureZeroMemory(szPassword, sizeof szPassword);
        dwError = NO_ERROR;
        if (result == TRY_ABORTED) {
            dwError = ERROR_OPERATION_ABORTED;
            break;
        }

        if (result == PASSWORD_MATCH) {
            /* Valid names always split (PasswordNameIsValid checked it). */
            PasswordSplitName(szName, pMsg->Domain, sizeof pMsg->Domain, pMsg->UserName, sizeof pMsg->UserName);
            pMsg->dwMsgId = SECURITYMSG_SUCCESS;
            pMsg->dwError = NO_ERROR;
            LineInputWriteString(li, "Welcome.\r\n");
            return TRUE;
        }
        if (result != PASSWORD_MISMATCH) {
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
        return LockoutAttach("password") && CheckGateAttach() && DialogPortsAttach("password", RunDialog);
    }
    if (fdwReason == DLL_PROCESS_DETACH) {
        DialogPortsDetach();
        CheckGateDetach();
        LockoutDetach();
    }
    return TRUE;
}
