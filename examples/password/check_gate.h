/*
 * check_gate.h - how many password checks the password example runs at
 * once. An Argon2id check takes its hash's memory (64 MiB at
 * rasshost-passwd's cost) for its whole run, so 120 callers submitting at
 * once would take 120 times that; checks beyond the limit wait their turn
 * instead. Waiting costs no memory, and a check takes the same CPU time
 * whenever it runs, so a limit of about the number of CPUs loses nothing.
 *
 * Environment: RASSHOST_PASSWORD_MAX_CHECKS = checks at once, 1..256;
 * default (unset, empty or out of range): the number of CPUs (cpu_count.h).
 * Read once, when the DLL is loaded.
 *
 * A counting semaphore built from two events, as the Win32 subset has no
 * semaphore: an auto-reset event used as a lock over the count, and an
 * auto-reset event that wakes one waiter when a place frees. Plain C99;
 * no platform #ifdefs.
 */
#ifndef RASSHOST_EXAMPLES_CHECK_GATE_H
#define RASSHOST_EXAMPLES_CHECK_GATE_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CHECK_GATE_ENV "RASSHOST_PASSWORD_MAX_CHECKS"
#define CHECK_GATE_MAX 256

/** DLL_PROCESS_ATTACH: reads the limit, creates the events. FALSE when out
 *  of resources. */
BOOL CheckGateAttach(VOID);

/** DLL_PROCESS_DETACH. */
VOID CheckGateDetach(VOID);

/** The limit in force (after CheckGateAttach). */
DWORD CheckGateLimit(VOID);

/** Waits for a place: NO_ERROR (then CheckGateLeave must follow), or
 *  ERROR_OPERATION_ABORTED when hStop (RasSecurityDialogEnd's event) is
 *  set first. */
DWORD CheckGateEnter(HANDLE hStop);

/** Gives the place back. */
VOID CheckGateLeave(VOID);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_CHECK_GATE_H */
