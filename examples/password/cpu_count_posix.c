/*
 * cpu_count_posix.c - cpu_count.h on POSIX: sysconf(_SC_NPROCESSORS_ONLN),
 * an extension that glibc, musl and the BSDs share.
 */
#define _DEFAULT_SOURCE 1

#include "cpu_count.h"

#include <unistd.h>

DWORD CpuCount(VOID)
{
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    return c < 1 ? 1 : c > 0xFFFF ? 0xFFFF : (DWORD)c;
}
