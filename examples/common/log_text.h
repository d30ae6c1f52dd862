/*
 * log_text.h - text from a remote user (a typed name) or from the
 * environment (a file name) made safe for a log line, in the host's own
 * escaping: bytes 0x20..0x7E and valid UTF-8 characters stay as they are,
 * except '"' and '\' (written \" and \\); control bytes, C1 characters
 * (U+0080..U+009F) and bytes that are not valid UTF-8 become \xNN. So a
 * name can neither forge a log line (CR, LF) nor drive the operator's
 * terminal (ESC, C1).
 *
 * Plain C99 over the Win32 subset; no platform #ifdefs.
 */
#ifndef RASSHOST_EXAMPLES_LOG_TEXT_H
#define RASSHOST_EXAMPLES_LOG_TEXT_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Room for the escaped form of cch bytes, with the NUL. */
#define LOG_ESCAPED_MAX(cch) (4 * (cch) + 1)

/** Writes the escaped form of psz into pszOut (cchOut bytes, at least 1),
 *  cut before the first character that does not fit; returns pszOut. */
LPSTR LogEscape(LPCSTR psz, LPSTR pszOut, DWORD cchOut);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_LOG_TEXT_H */
