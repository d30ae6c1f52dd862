// GetVersionExA and GetVersion: the configured version
// (rasshost/system_version.hpp, docs/decisions.md#system-version).
#include <rasshost/system_version.hpp>
#include <rasshost/win32.h>

#include <cstring>

extern "C" BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation) {
    if (lpVersionInformation == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const DWORD size = lpVersionInformation->dwOSVersionInfoSize;
    if (size != sizeof(OSVERSIONINFOA) && size != sizeof(OSVERSIONINFOEXA)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    const rasshost::SystemVersion version = rasshost::system_version();
    OSVERSIONINFOEXA info{};
    info.dwOSVersionInfoSize = size;
    info.dwMajorVersion = version.major;
    info.dwMinorVersion = version.minor;
    info.dwBuildNumber = version.build;
    info.dwPlatformId = VER_PLATFORM_WIN32_NT;
    std::strncpy(info.szCSDVersion, version.service_pack_name.c_str(), sizeof info.szCSDVersion - 1);
    info.wServicePackMajor = static_cast<WORD>(version.service_pack_major);
    info.wServicePackMinor = static_cast<WORD>(version.service_pack_minor);
    info.wSuiteMask = static_cast<WORD>(version.suite_mask);
    info.wProductType = static_cast<BYTE>(version.product_type);
    std::memcpy(lpVersionInformation, &info, size);  // only what the caller's structure holds
    return TRUE;
}

extern "C" DWORD WINAPI GetVersion(void) {
    const rasshost::SystemVersion version = rasshost::system_version();
    // Bit 31 clear: the NT platform.
    return (version.major & 0xFFu) | ((version.minor & 0xFFu) << 8) | ((version.build & 0x7FFFu) << 16);
}
