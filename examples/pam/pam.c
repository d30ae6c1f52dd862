/*
 * pam.c - example RAS security DLL: the caller logs in through PAM, as
 * pppd's "login" option and login(1) do. The service is "rasshost"
 * (/etc/pam.d/rasshost), so the administrator chooses the stack: the
 * system's passwords (pam_unix), a token module, an LDAP or RADIUS one.
 *
 * The dialog, on the remote user's terminal:
 *     Username: alice            (echoed; the name PAM is started with)
 *     Password:                  (whatever the stack asks, pam_conversation.h:
 *                                 PAM_PROMPT_ECHO_OFF answers are never echoed)
 *     Welcome.                   -> SECURITYMSG_SUCCESS, UserName as PAM has it
 * pam_authenticate, then pam_acct_mgmt: an expired account is told so and
 * refused; a password that must be changed is changed there and then
 * (pam_chauthtok), as login(1) does. A wrong answer gives "Login incorrect."
 * and another try; after three, "Access denied." and SECURITYMSG_FAILURE.
 * A stack that fails (no such module, no service file) gives "Service
 * unavailable." and SECURITYMSG_ERROR ERROR_AUTH_INTERNAL, with PAM's
 * reason in the debug output. No session is opened and no credentials are
 * set: that is for whatever takes the line over after SUCCESS (pppd).
 *
 * Each try is one PAM transaction, with PAM_TTY set to the port's device.
 * The lockout of the other examples applies (common/lockout.h): a locked-out
 * name is asked "Password: " and refused without PAM.
 *
 * POSIX only (PAM); the structure is the other examples' (dialog_ports.h).
 */
#include <windows.h>
#include <rasshost.h>
#include <raserror.h>
#include <string.h>

#include <security/pam_appl.h>

#include "dialog_ports.h"
#include "lockout.h"
#include "log_text.h"
#include "pam_conversation.h"

#define PAM_SERVICE_NAME "rasshost"
#define MAX_TRIES 3

/* How one try ended. */
typedef enum _TRY_RESULT {
    TRY_SUCCESS,
    TRY_WRONG,          /* "Login incorrect.", another try */
    TRY_REFUSED,        /* told why (expired, no access); no more tries */
    TRY_UNAVAILABLE,    /* the stack failed */
    TRY_LINE_ERROR      /* the line failed: the dialog ends with that error */
} TRY_RESULT;

static VOID ReportPamError(pam_handle_t *pamh, LPCSTR pszWhat, int rc)
{
    CHAR szReason[LOG_ESCAPED_MAX(120)];
    CHAR szMessage[sizeof szReason + 64];
    const char *pszReason = pam_strerror(pamh, rc);

    LogEscape(pszReason != NULL ? pszReason : "unknown error", szReason, sizeof szReason);
    wsprintf(szMessage, "pam: %s failed: %s", pszWhat, szReason);
    OutputDebugString(szMessage);
}

/* PAM_TTY: the port's device, as getty sets the terminal's name. */
static VOID SetTty(pam_handle_t *pamh, LINE_INPUT *li)
{
    RAS_SECURITY_INFO info;

    if (li->pfnGetInfo(li->hPort, &info) == NO_ERROR && info.DeviceName[0] != '\0')
        pam_set_item(pamh, PAM_TTY, info.DeviceName);
}

/* After the right answers: the account may be used now, changing an expired
 * password first. PAM's result. */
static int CheckAccount(pam_handle_t *pamh)
{
    int rc = pam_acct_mgmt(pamh, PAM_DISALLOW_NULL_AUTHTOK);

    if (rc == PAM_NEW_AUTHTOK_REQD) {
        rc = pam_chauthtok(pamh, PAM_CHANGE_EXPIRED_AUTHTOK);
        if (rc != PAM_SUCCESS) ReportPamError(pamh, "pam_chauthtok", rc);
    }
    return rc;
}

/* What the caller is told, and what the try counts as, for PAM's result. */
static TRY_RESULT Classify(pam_handle_t *pamh, int rc, LINE_INPUT *li)
{
    switch (rc) {
    case PAM_SUCCESS:
        return TRY_SUCCESS;
    case PAM_AUTH_ERR:
    case PAM_USER_UNKNOWN:
    case PAM_CRED_INSUFFICIENT:
    case PAM_CONV_ERR:           /* an answer too long, a prompt we cannot show */
        return TRY_WRONG;
    case PAM_MAXTRIES:
        return TRY_REFUSED;
    case PAM_ACCT_EXPIRED:
        PamTerminalWrite(li, "Your account has expired.\r\n");
        return TRY_REFUSED;
    case PAM_PERM_DENIED:
    case PAM_AUTHTOK_ERR:
    case PAM_AUTHTOK_RECOVERY_ERR:
    case PAM_AUTHTOK_LOCK_BUSY:
    case PAM_TRY_AGAIN:
        return TRY_REFUSED;      /* no access, or the new password was refused */
    default:
        ReportPamError(pamh, "authentication", rc);
        return TRY_UNAVAILABLE;
    }
}

/* One PAM transaction for pszName. On TRY_SUCCESS, pszUser holds PAM's
 * user (a module may map the name); on TRY_LINE_ERROR, *pdwError the error. */
static TRY_RESULT PamTry(LINE_INPUT *li, LPCSTR pszName, LPSTR pszUser, DWORD cchUser, DWORD *pdwError)
{
    PAM_TERMINAL terminal = {li, NO_ERROR, FALSE};
    const struct pam_conv conv = {PamTerminalConverse, &terminal};
    pam_handle_t *pamh = NULL;
    const void *pvUser = NULL;
    TRY_RESULT result;
    int rc = pam_start(PAM_SERVICE_NAME, pszName, &conv, &pamh);

    if (rc != PAM_SUCCESS) {
        ReportPamError(pamh, "pam_start", rc);
        return TRY_UNAVAILABLE;
    }
    SetTty(pamh, li);
    rc = pam_authenticate(pamh, PAM_DISALLOW_NULL_AUTHTOK);
    if (rc == PAM_SUCCESS) rc = CheckAccount(pamh);
    if (rc == PAM_SUCCESS && (pam_get_item(pamh, PAM_USER, &pvUser) != PAM_SUCCESS || pvUser == NULL ||
                              strlen((const char *)pvUser) >= cchUser))
        rc = PAM_USER_UNKNOWN;   /* no name we can report */
    if (rc == PAM_SUCCESS) lstrcpyn(pszUser, (const char *)pvUser, (int)cchUser);
    if (terminal.dwLineError != NO_ERROR) {
        *pdwError = terminal.dwLineError;
        result = TRY_LINE_ERROR;
    } else if (terminal.fAnswerTooLong) {
        result = TRY_WRONG;      /* whatever a module makes of a failed conversation */
    } else {
        result = Classify(pamh, rc, li);
    }
    pam_end(pamh, rc);
    return result;
}

/* A try that is refused without PAM (a locked-out name, a name that is
 * empty or too long): asked for a password like any other, then refused. */
static TRY_RESULT RefuseTry(LINE_INPUT *li, DWORD *pdwError)
{
    CHAR szPassword[PAM_MAX_RESP_SIZE];
    DWORD dwError = LineInputRead(li, "Password: ", szPassword, sizeof szPassword, 0);

    SecureZeroMemory(szPassword, sizeof szPassword);
    if (dwError == NO_ERROR || dwError == ERROR_INSUFFICIENT_BUFFER) return TRY_WRONG;
    *pdwError = dwError;
    return TRY_LINE_ERROR;
}

/* One try for a typed name, with the lockout's bookkeeping around PAM. */
static TRY_RESULT Try(LINE_INPUT *li, LPCSTR pszName, LPSTR pszUser, DWORD cchUser, DWORD *pdwError)
{
    TRY_RESULT result;

    if (pszName[0] == '\0' || !LockoutBeginTry(pszName, GetTickCount64())) return RefuseTry(li, pdwError);
    result = PamTry(li, pszName, pszUser, cchUser, pdwError);
    LockoutEndTry(pszName,
                  result == TRY_SUCCESS ? LOCKOUT_SUCCESS : result == TRY_WRONG ? LOCKOUT_FAILURE : LOCKOUT_NO_VERDICT,
                  GetTickCount64());
    return result;
}

/* The dialog proper. Fills *pMsg; returns FALSE if End stopped it (then
 * Complete must not be called). */
static BOOL RunDialog(LINE_INPUT *li, SECURITY_MESSAGE *pMsg)
{
    CHAR szName[UNLEN + 1];
    DWORD dwError = NO_ERROR;
    int iTry;

    szName[0] = '\0';
    for (iTry = 0; iTry < MAX_TRIES; ++iTry) {
        TRY_RESULT result;
        dwError = LineInputRead(li, "Username: ", szName, sizeof szName, LINE_ECHO);
        if (dwError != NO_ERROR && dwError != ERROR_INSUFFICIENT_BUFFER) break;
        dwError = NO_ERROR;
        result = Try(li, szName, pMsg->UserName, sizeof pMsg->UserName, &dwError);
        if (result == TRY_SUCCESS) {
            pMsg->Domain[0] = '\0';
            pMsg->dwMsgId = SECURITYMSG_SUCCESS;
            pMsg->dwError = NO_ERROR;
            LineInputWriteString(li, "Welcome.\r\n");
            return TRUE;
        }
        if (result == TRY_LINE_ERROR || result == TRY_REFUSED) break;
        if (result == TRY_UNAVAILABLE) {
            LineInputWriteString(li, "Service unavailable.\r\n");
            dwError = ERROR_AUTH_INTERNAL;
            break;
        }
        if (iTry + 1 < MAX_TRIES && (dwError = LineInputWriteString(li, "Login incorrect.\r\n")) != NO_ERROR)
            break;
    }
    pMsg->UserName[0] = '\0';
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
    if (fdwReason == DLL_PROCESS_ATTACH) return LockoutAttach("pam") && DialogPortsAttach("pam", RunDialog);
    if (fdwReason == DLL_PROCESS_DETACH) {
        DialogPortsDetach();
        LockoutDetach();
    }
    return TRUE;
}
