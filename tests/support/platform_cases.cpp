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

bool in_session_zero() {
    // Looked up at run time: the emulation has no kernel32.dll.
    HMODULE kernel32 = GetModuleHandleA("kernel32.dll");
    if (kernel32 == nullptr) return true;
    using ProcessIdToSessionId = BOOL(WINAPI*)(DWORD, DWORD*);
    using GetCurrentProcessId = DWORD(WINAPI*)();
    const auto to_session = reinterpret_cast<ProcessIdToSessionId>(
        reinterpret_cast<void (*)()>(GetProcAddress(kernel32, "ProcessIdToSessionId")));
    const auto process_id = reinterpret_cast<GetCurrentProcessId>(
        reinterpret_cast<void (*)()>(GetProcAddress(kernel32, "GetCurrentProcessId")));
    DWORD session = 0;
    return to_session == nullptr || process_id == nullptr || !to_session(process_id(), &session) || session == 0;
}

}  // namespace platform_cases
