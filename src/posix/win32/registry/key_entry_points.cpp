// RegOpenKeyEx, RegCreateKeyEx, RegDeleteKey, RegCloseKey, RegFlushKey and
// the Win16-style RegOpenKey and RegCreateKey: the A and W entry points
// over key_calls.hpp.
#include "posix/win32/registry/key_calls.hpp"
#include "posix/win32/registry/key_handles.hpp"
#include "posix/win32/registry/names.hpp"
#include "posix/win32/registry/persistence.hpp"

namespace reg = rasshost::posix::registry;

extern "C" LSTATUS WINAPI RegOpenKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                                        PHKEY phkResult) {
    return reg::open_key(hKey, reg::wide_name(lpSubKey), ulOptions, samDesired, phkResult);
}

extern "C" LSTATUS WINAPI RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                                        PHKEY phkResult) {
    return reg::open_key(hKey, reg::wide_name(lpSubKey), ulOptions, samDesired, phkResult);
}

extern "C" LSTATUS WINAPI RegCreateKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD Reserved, LPSTR lpClass,
                                          DWORD dwOptions, REGSAM samDesired,
                                          const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                          LPDWORD lpdwDisposition) {
    (void)Reserved;
    (void)lpSecurityAttributes;  // no security descriptors on POSIX
    if (!lpSubKey) return ERROR_INVALID_PARAMETER;
    return reg::create_key(hKey, reg::wide_name(lpSubKey), reg::wide_name(lpClass), dwOptions, samDesired,
                           phkResult, lpdwDisposition);
}

extern "C" LSTATUS WINAPI RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass,
                                          DWORD dwOptions, REGSAM samDesired,
                                          const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                          LPDWORD lpdwDisposition) {
    (void)Reserved;
    (void)lpSecurityAttributes;
    if (!lpSubKey) return ERROR_INVALID_PARAMETER;
    return reg::create_key(hKey, reg::wide_name(lpSubKey), reg::wide_name(lpClass), dwOptions, samDesired,
                           phkResult, lpdwDisposition);
}

extern "C" LSTATUS WINAPI RegDeleteKeyA(HKEY hKey, LPCSTR lpSubKey) {
    if (!lpSubKey) return ERROR_INVALID_PARAMETER;
    return reg::delete_key(hKey, reg::wide_name(lpSubKey));
}

extern "C" LSTATUS WINAPI RegCloseKey(HKEY hKey) { return reg::close_key(hKey); }

extern "C" LSTATUS WINAPI RegFlushKey(HKEY hKey) {
    if (const LSTATUS error = reg::resolve(hKey).error) return error;
    return reg::flush();
}

// Win16: an empty subkey gives back the caller's own handle, as Windows does.
extern "C" LSTATUS WINAPI RegOpenKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult) {
    if (!phkResult) return ERROR_INVALID_PARAMETER;
    if (!lpSubKey || !*lpSubKey) {
        if (const LSTATUS error = reg::resolve(hKey).error) return error;
        *phkResult = hKey;
        return ERROR_SUCCESS;
    }
    return RegOpenKeyExA(hKey, lpSubKey, 0, MAXIMUM_ALLOWED, phkResult);
}

extern "C" LSTATUS WINAPI RegCreateKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult) {
    if (!phkResult) return ERROR_INVALID_PARAMETER;
    if (!lpSubKey || !*lpSubKey) return RegOpenKeyA(hKey, lpSubKey, phkResult);
    return RegCreateKeyExA(hKey, lpSubKey, 0, nullptr, REG_OPTION_NON_VOLATILE, MAXIMUM_ALLOWED, nullptr,
                           phkResult, nullptr);
}
