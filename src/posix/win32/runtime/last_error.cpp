// GetLastError / SetLastError: one code per thread, as on Windows.
#include <rasshost/win32.h>

namespace {
thread_local DWORD last_error = NO_ERROR;
}

extern "C" DWORD WINAPI GetLastError(void) { return last_error; }

extern "C" void WINAPI SetLastError(DWORD dwErrCode) { last_error = dwErrCode; }
