// The suites' waiter-count probe (see src/posix/host/test_probe.cpp). Windows
// does not reveal how many threads wait on an object, so the probe answers
// "unknown" and tests/unit/wait_probe.hpp falls back to a grace period.
#include <rasshost/win32.h>

extern "C" RASSHOST_API DWORD rasshost_test_waiter_count(HANDLE handle);

extern "C" DWORD rasshost_test_waiter_count(HANDLE) {
    return 0xFFFFFFFEu;  // unknown
}
