// The W forms of the by-name file calls: the names through the ANSI code
// page (docs/decisions.md#ansi-code-page), then the A form's rules.
#include <rasshost/win32.h>

#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <string>

namespace {

using rasshost::posix::fail_with;

std::string ansi(LPCWSTR wide) { return rasshost::posix::wide_to_ansi(wide); }

}  // namespace

extern "C" BOOL WINAPI DeleteFileW(LPCWSTR lpFileName) {
    if (lpFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, FALSE);
    return DeleteFileA(ansi(lpFileName).c_str());
}

extern "C" BOOL WINAPI MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName) {
    if (lpExistingFileName == nullptr || lpNewFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, FALSE);
    return MoveFileA(ansi(lpExistingFileName).c_str(), ansi(lpNewFileName).c_str());
}

extern "C" BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags) {
    if (lpExistingFileName == nullptr || lpNewFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, FALSE);
    return MoveFileExA(ansi(lpExistingFileName).c_str(), ansi(lpNewFileName).c_str(), dwFlags);
}

extern "C" BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists) {
    if (lpExistingFileName == nullptr || lpNewFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, FALSE);
    return CopyFileA(ansi(lpExistingFileName).c_str(), ansi(lpNewFileName).c_str(), bFailIfExists);
}

extern "C" BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes) {
    if (lpPathName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, FALSE);
    return CreateDirectoryA(ansi(lpPathName).c_str(), lpSecurityAttributes);
}

extern "C" BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName) {
    if (lpPathName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, FALSE);
    return RemoveDirectoryA(ansi(lpPathName).c_str());
}

extern "C" DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName) {
    if (lpFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, INVALID_FILE_ATTRIBUTES);
    return GetFileAttributesA(ansi(lpFileName).c_str());
}
