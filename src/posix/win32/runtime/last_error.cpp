// GetLastError / SetLastError: one code per thread, as on Windows.
#include "posix/win32/runtime/last_error.hpp"

namespace rasshost::posix {
// Trivially destructible: no thread_local destructor is registered.
constinit __attribute__((tls_model("initial-exec"))) thread_local DWORD last_error_code = NO_ERROR;
}  // namespace rasshost::posix

extern "C" DWORD WINAPI GetLastError(void) { return rasshost::posix::last_error_code; }

extern "C" void WINAPI SetLastError(DWORD dwErrCode) { rasshost::posix::last_error_code = dwErrCode; }
