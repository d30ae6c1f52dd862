/*
 * pam_conversation.h - a PAM conversation over the caller's terminal, for
 * the pam_security example DLL. PAM's modules ask the questions; this file
 * carries them to the remote user and brings the answers back, on the
 * DLL's worker thread (pam_authenticate calls it there):
 *
 *   PAM_PROMPT_ECHO_OFF  the prompt, then a line read with no echo (never
 *                        echoed, whatever it is: a password, a PIN);
 *   PAM_PROMPT_ECHO_ON   the prompt, then a line read with echo;
 *   PAM_ERROR_MSG,
 *   PAM_TEXT_INFO        the text on a line of its own;
 *   anything else        (binary prompts) PAM_CONV_ERR.
 *
 * A module's text goes to the terminal with its LFs made CRLFs. One call
 * may carry several messages (a module asking two questions at once); at
 * most PAM_MAX_NUM_MSG, and each answer at most PAM_MAX_RESP_SIZE - 1
 * bytes: a longer one fails the conversation like a wrong answer. A line
 * error (time-out, hang-up, RasSecurityDialogEnd) fails it too and is kept,
 * so the dialog ends with that error and asks nothing more. Answers are
 * wiped from every buffer of ours; PAM frees (and wipes) the responses.
 */
#ifndef RASSHOST_EXAMPLES_PAM_CONVERSATION_H
#define RASSHOST_EXAMPLES_PAM_CONVERSATION_H

#include <security/pam_appl.h>

#include "line_input.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One PAM transaction's terminal: the appdata_ptr of its struct pam_conv. */
typedef struct _PAM_TERMINAL {
    LINE_INPUT *li;
    DWORD dwLineError;      /* the first line error, NO_ERROR while the line is fine */
    BOOL fAnswerTooLong;    /* an answer did not fit: a wrong try, not an error */
} PAM_TERMINAL;

/** A struct pam_conv's conv function; appdata_ptr is a PAM_TERMINAL. */
int PamTerminalConverse(int num_msg, const struct pam_message **msg, struct pam_response **resp,
                        void *appdata_ptr);

/** Writes a module's or the DLL's text, LF as CRLF. NO_ERROR or the line's error. */
DWORD PamTerminalWrite(LINE_INPUT *li, const char *pszText);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_PAM_CONVERSATION_H */
