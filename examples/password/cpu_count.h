/*
 * cpu_count.h - the number of CPUs, from the platform: sysconf on POSIX
 * (cpu_count_posix.c), GetSystemInfo on Windows (cpu_count_win32.c).
 * CMake picks the file; the sources have no #ifdef.
 */
#ifndef RASSHOST_EXAMPLES_CPU_COUNT_H
#define RASSHOST_EXAMPLES_CPU_COUNT_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

/** CPUs online; 1 when the platform cannot tell. */
DWORD CpuCount(VOID);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_CPU_COUNT_H */
