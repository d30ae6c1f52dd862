// RegQueryValueEx, RegSetValueEx, RegDeleteValue and the Win16-style
// RegQueryValue and RegSetValue: the A and W entry points over value_calls.hpp.
#include "posix/win32/registry/names.hpp"
#include "posix/win32/registry/value_calls.hpp"

#include <cstring>

namespace reg = rasshost::posix::registry;

extern "C" LSTATUS WINAPI RegQueryValueExA(HKEY hKey, LPCSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType,
                                           LPBYTE lpData, LPDWORD lpcbData) {
    return reg::query_value(hKey, lpValueName, reg::Form::ansi, lpReserved, lpType, lpData, lpcbData);
}

extern "C" LSTATUS WINAPI RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType,
                                           LPBYTE lpData, LPDWORD lpcbData) {
    return reg::query_value(hKey, lpValueName, reg::Form::wide, lpReserved, lpType, lpData, lpcbData);
}

extern "C" LSTATUS WINAPI RegSetValueExA(HKEY hKey, LPCSTR lpValueName, DWORD Reserved, DWORD dwType,
                                         const BYTE* lpData, DWORD cbData) {
    (void)Reserved;  // ignored by Windows too
    return reg::set_value(hKey, reg::wide_name(lpValueName), reg::Form::ansi, dwType, lpData, cbData);
}

extern "C" LSTATUS WINAPI RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType,
                                         const BYTE* lpData, DWORD cbData) {
    (void)Reserved;
    return reg::set_value(hKey, reg::wide_name(lpValueName), reg::Form::wide, dwType, lpData, cbData);
}

extern "C" LSTATUS WINAPI RegDeleteValueA(HKEY hKey, LPCSTR lpValueName) {
    return reg::delete_value(hKey, reg::wide_name(lpValueName));
}

// Win16: the default value of lpSubKey, REG_SZ only. A key without one reads
// as the empty string, as on Windows.
extern "C" LSTATUS WINAPI RegQueryValueA(HKEY hKey, LPCSTR lpSubKey, LPSTR lpData, PLONG lpcbData) {
    HKEY key = hKey;
    if (lpSubKey && *lpSubKey) {
        if (const LSTATUS error = RegOpenKeyExA(hKey, lpSubKey, 0, KEY_QUERY_VALUE, &key)) return error;
    }
    DWORD count = lpcbData ? static_cast<DWORD>(*lpcbData) : 0;
    DWORD type = REG_NONE;
    LSTATUS status = RegQueryValueExA(key, nullptr, nullptr, &type, reinterpret_cast<LPBYTE>(lpData),
                                      lpcbData ? &count : nullptr);
    if (status == ERROR_FILE_NOT_FOUND) {
        status = ERROR_SUCCESS;
        count = 1;
        if (lpData && lpcbData && *lpcbData > 0) *lpData = '\0';
        else if (lpData && lpcbData) status = ERROR_MORE_DATA;
    } else if (status == ERROR_SUCCESS && type != REG_SZ) {
        status = ERROR_INVALID_DATA;
    }
    if (lpcbData) *lpcbData = static_cast<LONG>(count);
    if (key != hKey) RegCloseKey(key);
    return status;
}

extern "C" LSTATUS WINAPI RegSetValueA(HKEY hKey, LPCSTR lpSubKey, DWORD dwType, LPCSTR lpData, DWORD cbData) {
    (void)cbData;  // Windows takes the length from the string
    if (dwType != REG_SZ || !lpData) return ERROR_INVALID_PARAMETER;
    HKEY key = hKey;
    if (lpSubKey && *lpSubKey) {
        if (const LSTATUS error = RegCreateKeyA(hKey, lpSubKey, &key)) return error;
    }
    const LSTATUS status = RegSetValueExA(key, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(lpData),
                                          static_cast<DWORD>(std::strlen(lpData) + 1));
    if (key != hKey) RegCloseKey(key);
    return status;
}
