/*
 * rasshost/win32/critical_section.h - CRITICAL_SECTION, laid out as the SDK
 * lays out RTL_CRITICAL_SECTION (40 bytes on 64-bit, as on 64-bit Windows).
 *
 * On Windows <windows.h> declares all of this and this header adds nothing.
 * On POSIX: recursive, owned by the thread that entered it. OwningThread
 * holds the owner's thread id as a HANDLE value and RecursionCount the depth,
 * as Windows does, so legacy ownership asserts keep working. LockCount is the
 * lock word (0 free, 1 held, 2 held with sleepers), so a zero-filled section
 * that was never initialised works as a free one
 * (docs/decisions.md#critical-sections). Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_CRITICAL_SECTION_H
#define RASSHOST_WIN32_CRITICAL_SECTION_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

/* Windows keeps debugging data here; the emulation has none, and only ever
 * stores NULL or (PRTL_CRITICAL_SECTION_DEBUG)-1 (initialised, no debug
 * data, as Windows 8 and later do). */
typedef struct _RTL_CRITICAL_SECTION_DEBUG *PRTL_CRITICAL_SECTION_DEBUG;

typedef struct _RTL_CRITICAL_SECTION {
    PRTL_CRITICAL_SECTION_DEBUG DebugInfo;
    LONG LockCount;
    LONG RecursionCount;
    HANDLE OwningThread;
    HANDLE LockSemaphore;
    ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION;

typedef RTL_CRITICAL_SECTION CRITICAL_SECTION;
typedef PRTL_CRITICAL_SECTION PCRITICAL_SECTION;
typedef PRTL_CRITICAL_SECTION LPCRITICAL_SECTION;

RASSHOST_STATIC_ASSERT(sizeof(void *) != 8 || sizeof(CRITICAL_SECTION) == 40, critical_section_as_win64);

#ifndef CRITICAL_SECTION_NO_DEBUG_INFO
#define CRITICAL_SECTION_NO_DEBUG_INFO 0x01000000u
#endif

/** Initialises a free section (spin count 0). */
RASSHOST_API void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
/** Initialises a free section that spins dwSpinCount times before it
 *  sleeps (the high bit, a Windows XP flag, is ignored). Returns TRUE, as
 *  Windows Vista and later always do. */
RASSHOST_API BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
                                                               DWORD dwSpinCount);
/** InitializeCriticalSectionAndSpinCount; Flags (CRITICAL_SECTION_NO_DEBUG_INFO
 *  ...) change nothing here. Returns TRUE. */
RASSHOST_API BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount,
                                                     DWORD Flags);
/** Sets the spin count; returns the previous one. */
RASSHOST_API DWORD WINAPI SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount);
/** Waits for ownership; the owner may enter again (recursion). */
RASSHOST_API void WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
/** Takes ownership if that needs no wait: TRUE if now owned by the caller. */
RASSHOST_API BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
/** Leaves once; the last Leave of the owner frees the section and wakes one
 *  waiter. A Leave by a thread that does not own the section is ignored
 *  (Windows corrupts the section instead). */
RASSHOST_API void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
/** Releases the section's resources (zeroes it: it may be initialised again). */
RASSHOST_API void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_CRITICAL_SECTION_H */
