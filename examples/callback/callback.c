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
 * "callback-numbers.txt" in RASSHOST_EXAMPLE_CONFIG_DIR: /etc/rasshost/ on
 * POSIX), one number per line,
 * written as the caller may type it; '#' starts a comment, blank and
 * invalid lines are ignored; read afresh on every try. Numbers are not
 * secrets, so a plain comparison is fine here.
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

#include "dialog_ports.h"

#define MAX_TRIES 3
#define NUMBER_DIGITS_MAX 24
#define NUMBER_MAX (NUMBER_DIGITS_MAX + 1)   /* with the '+' */
#define NUMBER_LINE_MAX 128                  /* typed line or list line */
#define CALLBACK_LIST_ENV "RASSHOST_CALLBACK_LIST"
#define CALLBACK_LIST_DEFAULT RASSHOST_EXAMPLE_CONFIG_DIR "callback-numbers.txt"

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
static BOOL RunDialog(LINE_INPUT *li, SECURITY_MESSAGE *pMsg)
{
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
        return DialogPortsAttach("callback", RunDialog);
    }
    if (fdwReason == DLL_PROCESS_DETACH) {
        DialogPortsDetach();
    }
    return TRUE;
}
