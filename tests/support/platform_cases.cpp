#include "support/platform_cases.hpp"

#include <rasshost/win32.h>

#include <cstdio>
#include <cstdlib>

namespace platform_cases {
namespace {

// Wine's ntdll exports wine_get_version; Windows' does not (and on POSIX
// there is no ntdll at all).
bool running_under_wine() {
    if (!RASSHOST_OS_WINDOWS) return false;
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    return ntdll != nullptr && GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

}  // namespace

void skip_under_wine(const char* reason) {
    if (!running_under_wine()) return;
    std::printf("SKIPPED under Wine: %s\n", reason);
    std::fflush(stdout);
    std::_Exit(skipped_exit_code);
}

}  // namespace platform_cases
