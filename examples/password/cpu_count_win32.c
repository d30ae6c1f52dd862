/*
 * cpu_count_win32.c - cpu_count.h on Windows: GetSystemInfo.
 */
#include "cpu_count.h"

DWORD CpuCount(VOID)
{
    SYSTEM_INFO info;

    GetSystemInfo(&info);
    return info.dwNumberOfProcessors < 1 ? 1 : info.dwNumberOfProcessors;
}
