/*
 * lockout.h - locking a user out after repeated failed logins, across
 * dialogs, in pam_faillock's model; shared by the example DLLs that
 * authenticate a user (password, totp).
 *
 * The rule: when a user has RASSHOST_EXAMPLE_LOCKOUT_DENY failed tries
 * (default 5) within the last RASSHOST_EXAMPLE_LOCKOUT_INTERVAL seconds
 * (default 900), the user is locked out for RASSHOST_EXAMPLE_LOCKOUT_UNLOCK
 * seconds (default 600) from the failure that locked it; when the lock
 * ends, the count starts afresh. A successful login clears the count.
 * DENY 0 turns the lockout off. Bad or out-of-range values give the
 * default. The settings are read on every call, like the DLLs' files.
 *
 * Tries in flight count too: a try may begin only while failures in the
 * interval plus tries still being checked are fewer than DENY, so parallel
 * dialogs get no more guesses than one dialog does.
 *
 * Every name typed is tracked, known or not, so that the lockout says
 * nothing about which users exist. While a user is locked out the DLL does
 * not check the password or code at all and answers exactly as for a
 * wrong one. The lock is reported once through OutputDebugString, with the
 * name escaped (log_text.h); the password is never reported.
 *
 * The state lives in the DLL (each DLL links its own copy of this file),
 * shared by all its dialogs under one lock, and is lost when the DLL is
 * unloaded. It is a table of LOCKOUT_SLOTS users. A new name takes an empty
 * slot, else the slot of the user, neither locked out nor with a try in
 * flight, whose last failure is the oldest; when every slot is locked or
 * busy the new name is not tracked (its tries are allowed, as with no
 * lockout) and the full table is reported. A lock is therefore never
 * evicted by a flood of new names.
 *
 * Times are GetTickCount64() milliseconds, passed in so that tests can
 * drive the clock. Plain C99 over the Win32 subset; no platform #ifdefs.
 */
#ifndef RASSHOST_EXAMPLES_LOCKOUT_H
#define RASSHOST_EXAMPLES_LOCKOUT_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LOCKOUT_DENY_ENV "RASSHOST_EXAMPLE_LOCKOUT_DENY"
#define LOCKOUT_INTERVAL_ENV "RASSHOST_EXAMPLE_LOCKOUT_INTERVAL"
#define LOCKOUT_UNLOCK_ENV "RASSHOST_EXAMPLE_LOCKOUT_UNLOCK"

#define LOCKOUT_DEFAULT_DENY 5        /* failures ... */
#define LOCKOUT_DEFAULT_INTERVAL 900  /* ... within seconds ... */
#define LOCKOUT_DEFAULT_UNLOCK 600    /* ... lock for seconds */
#define LOCKOUT_MAX_DENY 20
#define LOCKOUT_MAX_SECONDS 86400     /* for the interval and the lock */
#define LOCKOUT_SLOTS 1024            /* users tracked at once */

/* How a try ended (LockoutEndTry). */
#define LOCKOUT_SUCCESS 0
#define LOCKOUT_FAILURE 1
#define LOCKOUT_NO_VERDICT 2          /* not checked: file error, End came ... */

typedef struct _LOCKOUT_SETTINGS {
    DWORD dwDeny;                     /* 0: off */
    DWORD dwIntervalSeconds;
    DWORD dwUnlockSeconds;
} LOCKOUT_SETTINGS;

/** DLL_PROCESS_ATTACH: an empty table and its lock; pszName prefixes the
 *  reports ("password"). FALSE when out of resources. */
BOOL LockoutAttach(LPCSTR pszName);

/** DLL_PROCESS_DETACH. */
VOID LockoutDetach(VOID);

/** The settings from the environment (see above). */
VOID LockoutGetSettings(LOCKOUT_SETTINGS *pSettings);

/** Before checking pszUser's password or code: FALSE when the user is
 *  locked out (or has too many tries in flight): the DLL must then answer
 *  as for a wrong try without checking, and not call LockoutEndTry. TRUE:
 *  the try is in flight, and LockoutEndTry must follow on every path. */
BOOL LockoutBeginTry(LPCSTR pszUser, ULONGLONG ullNowMs);

/** After the check: LOCKOUT_SUCCESS, LOCKOUT_FAILURE or LOCKOUT_NO_VERDICT. */
VOID LockoutEndTry(LPCSTR pszUser, int outcome, ULONGLONG ullNowMs);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_LOCKOUT_H */
