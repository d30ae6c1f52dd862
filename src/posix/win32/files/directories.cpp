// Where things are, in Windows form: the temporary directory, the current
// directory, the Windows and system directories
// (docs/decisions.md#windows-directory), and a module's file.
#include <rasshost/win32.h>

#include "posix/win32/files/drive_map.hpp"
#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/files/windows_path.hpp"
#include "posix/win32/modules/module_file.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace rasshost::posix {
namespace {

constexpr const char* windows_directory = "C:\\WINDOWS";
constexpr const char* system_directory = "C:\\WINDOWS\\system32";

// The convention of GetTempPath, GetCurrentDirectory, GetWindowsDirectory:
// the length when it fits, else the size needed with the terminator and the
// buffer untouched.
template <class Char>
DWORD copy_out(const std::basic_string<Char>& value, DWORD size, Char* buffer) {
    if (buffer != nullptr && size > value.size()) {
        std::memcpy(buffer, value.c_str(), (value.size() + 1) * sizeof(Char));
        return static_cast<DWORD>(value.size());
    }
    return static_cast<DWORD>(value.size() + 1);
}

std::optional<std::string> temp_path() {
    const char* variable = std::getenv("TMPDIR");
    std::error_code error;
    const auto directory = std::filesystem::absolute(variable != nullptr && *variable ? variable : "/tmp", error);
    auto windows = drives::windows_form(directory.string());
    if (!windows) return std::nullopt;
    if (windows->back() != '\\') *windows += '\\';
    return windows;
}

// GetModuleFileName's truncation (Windows XP and later): the first size-1
// characters and a terminator, the return value `size`.
template <class Char>
DWORD truncating_copy(const std::basic_string<Char>& value, DWORD size, Char* buffer) {
    if (size == 0) return fail_with(ERROR_INSUFFICIENT_BUFFER, DWORD{0});
    if (buffer == nullptr) return fail_with(ERROR_NOACCESS, DWORD{0});
    if (value.size() < size) {
        std::memcpy(buffer, value.c_str(), (value.size() + 1) * sizeof(Char));
        return static_cast<DWORD>(value.size());
    }
    std::memcpy(buffer, value.data(), (size - 1) * sizeof(Char));
    buffer[size - 1] = Char{};
    return fail_with(ERROR_INSUFFICIENT_BUFFER, size);
}

std::optional<std::string> module_windows_name(HMODULE module) {
    const auto file = module_file(module);
    if (!file) return std::nullopt;
    if (!file->windows.empty()) return file->windows;
    return drives::windows_form(file->posix);
}

// "path\\pre1A2B.tmp"; empty if it would not fit in MAX_PATH.
std::string temp_file_name(const std::string& directory, const char* prefix, unsigned unique) {
    std::string name = directory;
    if (!name.empty() && name.back() != '\\' && name.back() != '/') name += '\\';
    name.append(prefix, ::strnlen(prefix, 3));
    char digits[16];
    std::snprintf(digits, sizeof digits, "%X.tmp", unique & 0xFFFFu);
    name += digits;
    return name.size() < MAX_PATH ? name : std::string();
}

UINT temp_file(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique, LPSTR lpTempFileName) {
    if (lpPathName == nullptr || lpPrefixString == nullptr || lpTempFileName == nullptr)
        return fail_with(ERROR_INVALID_PARAMETER, UINT{0});
    const ResolvedPath directory = resolve_path(lpPathName);
    if (directory.error != ERROR_SUCCESS) return fail_with(directory.error, UINT{0});
    if (!directory.exists) return fail_with(ERROR_DIRECTORY, UINT{0});
    if (uUnique != 0) {
        const std::string name = temp_file_name(lpPathName, lpPrefixString, uUnique);
        if (name.empty()) return fail_with(ERROR_BUFFER_OVERFLOW, UINT{0});
        std::memcpy(lpTempFileName, name.c_str(), name.size() + 1);
        return uUnique;
    }
    const unsigned start = static_cast<unsigned>(GetTickCount()) & 0xFFFFu;
    for (unsigned step = 0; step < 0x10000u; ++step) {
        const unsigned unique = ((start + step) & 0xFFFFu) != 0 ? (start + step) & 0xFFFFu : 1;
        const std::string name = temp_file_name(lpPathName, lpPrefixString, unique);
        if (name.empty()) return fail_with(ERROR_BUFFER_OVERFLOW, UINT{0});
        HANDLE file = CreateFileA(name.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file != INVALID_HANDLE_VALUE) {
            CloseHandle(file);
            std::memcpy(lpTempFileName, name.c_str(), name.size() + 1);
            SetLastError(ERROR_SUCCESS);
            return unique;
        }
        if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ACCESS_DENIED) return 0;
    }
    return fail_with(ERROR_FILE_EXISTS, UINT{0});
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer) {
    const auto path = temp_path();
    if (!path) return fail_with(ERROR_PATH_NOT_FOUND, DWORD{0});
    return copy_out(*path, nBufferLength, lpBuffer);
}

extern "C" DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer) {
    const auto path = temp_path();
    if (!path) return fail_with(ERROR_PATH_NOT_FOUND, DWORD{0});
    return copy_out(ansi_to_wide(*path), nBufferLength, lpBuffer);
}

extern "C" UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique, LPSTR lpTempFileName) {
    return temp_file(lpPathName, lpPrefixString, uUnique, lpTempFileName);
}

extern "C" UINT WINAPI GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
                                        LPWSTR lpTempFileName) {
    if (lpPathName == nullptr || lpPrefixString == nullptr || lpTempFileName == nullptr)
        return fail_with(ERROR_INVALID_PARAMETER, UINT{0});
    char name[MAX_PATH];
    const UINT unique = temp_file(wide_to_ansi(lpPathName).c_str(), wide_to_ansi(lpPrefixString).c_str(), uUnique, name);
    if (unique == 0) return 0;
    const std::wstring wide = ansi_to_wide(name);
    std::wmemcpy(lpTempFileName, wide.c_str(), std::min<std::size_t>(wide.size() + 1, MAX_PATH));
    lpTempFileName[MAX_PATH - 1] = L'\0';
    return unique;
}

extern "C" DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize) {
    const auto name = module_windows_name(hModule);
    if (!name) return fail_with(ERROR_MOD_NOT_FOUND, DWORD{0});
    return truncating_copy(*name, nSize, lpFilename);
}

extern "C" DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize) {
    const auto name = module_windows_name(hModule);
    if (!name) return fail_with(ERROR_MOD_NOT_FOUND, DWORD{0});
    return truncating_copy(ansi_to_wide(*name), nSize, lpFilename);
}

extern "C" DWORD WINAPI GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer) {
    const std::string current = current_directory_windows();
    if (current.empty()) return fail_with(ERROR_PATH_NOT_FOUND, DWORD{0});
    return copy_out(current, nBufferLength, lpBuffer);
}

extern "C" DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer) {
    const std::string current = current_directory_windows();
    if (current.empty()) return fail_with(ERROR_PATH_NOT_FOUND, DWORD{0});
    return copy_out(ansi_to_wide(current), nBufferLength, lpBuffer);
}

extern "C" UINT WINAPI GetSystemDirectoryA(LPSTR lpBuffer, UINT uSize) {
    return copy_out(std::string(system_directory), uSize, lpBuffer);
}

extern "C" UINT WINAPI GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize) {
    return copy_out(ansi_to_wide(system_directory), uSize, lpBuffer);
}

extern "C" UINT WINAPI GetWindowsDirectoryA(LPSTR lpBuffer, UINT uSize) {
    return copy_out(std::string(windows_directory), uSize, lpBuffer);
}

extern "C" UINT WINAPI GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize) {
    return copy_out(ansi_to_wide(windows_directory), uSize, lpBuffer);
}
