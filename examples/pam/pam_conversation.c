/*
 * pam_conversation.c - see pam_conversation.h.
 */
#include <windows.h>
#include <raserror.h>
#include <stdlib.h>
#include <string.h>

#include "pam_conversation.h"

DWORD PamTerminalWrite(LINE_INPUT *li, const char *pszText)
{
    const char *p = pszText;
    DWORD dwError = NO_ERROR;

    while (dwError == NO_ERROR && *p != '\0') {
        size_t cb = strcspn(p, "\n");
        if (cb > 0) dwError = LineInputWrite(li, p, (DWORD)cb);
        p += cb;
        if (dwError == NO_ERROR && *p == '\n') {
            /* A CRLF the module wrote stays one CRLF. */
            BOOL fHadCR = p > pszText && p[-1] == '\r';
            dwError = LineInputWrite(li, fHadCR ? "\n" : "\r\n", fHadCR ? 1 : 2);
            ++p;
        }
    }
    return dwError;
}

/* The answer to one prompt, or NULL (pTerminal says why). */
static char *ReadAnswer(PAM_TERMINAL *pTerminal, const struct pam_message *pMessage)
{
    CHAR szLine[PAM_MAX_RESP_SIZE];
    DWORD dwFlags = pMessage->msg_style == PAM_PROMPT_ECHO_ON ? LINE_ECHO : 0;
    DWORD dwError = PamTerminalWrite(pTerminal->li, pMessage->msg != NULL ? pMessage->msg : "");
    char *pszAnswer;
    size_t cb;

    if (dwError == NO_ERROR) dwError = LineInputRead(pTerminal->li, NULL, szLine, sizeof szLine, dwFlags);
    if (dwError == ERROR_INSUFFICIENT_BUFFER) {
        pTerminal->fAnswerTooLong = TRUE;
        return NULL;
    }
    if (dwError != NO_ERROR) {
        pTerminal->dwLineError = dwError;
        return NULL;
    }
    /* malloc'd: PAM frees the responses with free(). */
    cb = strlen(szLine) + 1;
    pszAnswer = (char *)malloc(cb);
    if (pszAnswer != NULL) memcpy(pszAnswer, szLine, cb);
    else pTerminal->dwLineError = ERROR_NOT_ENOUGH_MEMORY;
    SecureZeroMemory(szLine, sizeof szLine);
    return pszAnswer;
}

/* Wipes and frees the first cResponses responses and the array. */
static void FreeResponses(struct pam_response *pResponses, int cResponses)
{
    int i;
    for (i = 0; i < cResponses; ++i) {
        if (pResponses[i].resp == NULL) continue;
        SecureZeroMemory(pResponses[i].resp, strlen(pResponses[i].resp));
        free(pResponses[i].resp);
    }
    free(pResponses);
}

/* One message: TRUE when it was carried (pResponse filled for a prompt). */
static BOOL Carry(PAM_TERMINAL *pTerminal, const struct pam_message *pMessage, struct pam_response *pResponse)
{
    DWORD dwError;

    switch (pMessage->msg_style) {
    case PAM_PROMPT_ECHO_OFF:
    case PAM_PROMPT_ECHO_ON:
        pResponse->resp = ReadAnswer(pTerminal, pMessage);
        return pResponse->resp != NULL;
    case PAM_ERROR_MSG:
    case PAM_TEXT_INFO:
        dwError = PamTerminalWrite(pTerminal->li, pMessage->msg != NULL ? pMessage->msg : "");
        if (dwError == NO_ERROR) dwError = LineInputWrite(pTerminal->li, "\r\n", 2);
        if (dwError != NO_ERROR) pTerminal->dwLineError = dwError;
        return dwError == NO_ERROR;
    default:
        return FALSE;
    }
}

int PamTerminalConverse(int num_msg, const struct pam_message **msg, struct pam_response **resp,
                        void *appdata_ptr)
{
    PAM_TERMINAL *pTerminal = (PAM_TERMINAL *)appdata_ptr;
    struct pam_response *pResponses;
    int i;

    if (resp == NULL) return PAM_CONV_ERR;
    *resp = NULL;
    if (pTerminal == NULL || msg == NULL || num_msg <= 0 || num_msg > PAM_MAX_NUM_MSG) return PAM_CONV_ERR;
    if (pTerminal->dwLineError != NO_ERROR) return PAM_CONV_ERR;   /* the line is gone: ask nothing */
    pResponses = (struct pam_response *)calloc((size_t)num_msg, sizeof *pResponses);
    if (pResponses == NULL) return PAM_BUF_ERR;
    /* Linux-PAM's layout: msg is an array of num_msg pointers. */
    for (i = 0; i < num_msg; ++i) {
        if (msg[i] == NULL || !Carry(pTerminal, msg[i], &pResponses[i])) {
            FreeResponses(pResponses, i + 1);
            return PAM_CONV_ERR;
        }
    }
    *resp = pResponses;
    return PAM_SUCCESS;
}
