// FindFirstFileA / FindNextFileA / FindClose. The directory is read once,
// at FindFirstFile, into the search's list (a snapshot, as a legacy loop
// that deletes what it finds expects); the handle is a table entry that is
// not waitable. "." and ".." are listed in a directory that is not a
// drive's root, as Windows lists them.
#include <rasshost/win32.h>

#include "posix/win32/files/file_attributes.hpp"
#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/files/wildcard.hpp"
#include "posix/win32/files/windows_path.hpp"
#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

namespace rasshost::posix {
namespace {

class FindObject final : public KernelObject {
public:
    static constexpr Kind kind = Kind::find;
    FindObject() : KernelObject(kind) {}

    std::mutex mutex;
    std::vector<WIN32_FIND_DATAA> found;
    std::size_t next = 0;
};

WIN32_FIND_DATAA entry_data(const std::string& ansi_name, const struct stat& status) {
    WIN32_FIND_DATAA data{};
    data.dwFileAttributes = attributes_of(status);
    data.ftCreationTime = filetime_of(status.st_ctim);
    data.ftLastAccessTime = filetime_of(status.st_atim);
    data.ftLastWriteTime = filetime_of(status.st_mtim);
    if (!S_ISDIR(status.st_mode)) {
        const auto size = static_cast<unsigned long long>(status.st_size);
        data.nFileSizeHigh = static_cast<DWORD>(size >> 32);
        data.nFileSizeLow = static_cast<DWORD>(size);
    }
    std::memcpy(data.cFileName, ansi_name.c_str(), ansi_name.size() + 1);
    return data;
}

// The entries of `directory` matching `pattern`, "." and ".." first.
std::vector<WIN32_FIND_DATAA> matches(const std::string& directory, const std::string& pattern, bool at_root) {
    std::vector<WIN32_FIND_DATAA> found;
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(directory.c_str()), ::closedir);
    if (!dir) return found;
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(dir.get())) names.emplace_back(entry->d_name);
    std::sort(names.begin(), names.end());  // "." and ".." sort first
    for (const auto& name : names) {
        if (at_root && (name == "." || name == "..")) continue;
        const std::string ansi = utf8_to_ansi(name);
        if (ansi.size() >= MAX_PATH || !wildcard_match(pattern, ansi)) continue;
        struct stat status {};
        const std::string full = directory == "/" ? "/" + name : directory + "/" + name;
        if (::stat(full.c_str(), &status) != 0 && ::lstat(full.c_str(), &status) != 0) continue;
        found.push_back(entry_data(ansi, status));
    }
    return found;
}

HANDLE first_file(LPCSTR pattern_path, LPWIN32_FIND_DATAA data) {
    const ResolvedPath path = resolve_path(pattern_path, LastComponent::pattern);
    if (path.error != ERROR_SUCCESS) return fail_with(path.error, INVALID_HANDLE_VALUE);
    if (data == nullptr) return fail_with(ERROR_NOACCESS, INVALID_HANDLE_VALUE);
    const std::size_t length = std::strlen(pattern_path);
    const bool names_a_directory = length > 0 && (pattern_path[length - 1] == '\\' || pattern_path[length - 1] == '/');
    if (path.last.empty() || names_a_directory) return fail_with(ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE);
    const std::string directory = path.posix.substr(0, std::max<std::size_t>(path.posix.rfind('/'), 1));
    const bool at_root = std::count(path.windows.begin(), path.windows.end(), '\\') == 1;
    std::shared_ptr<FindObject> search;
    try {
        search = std::make_shared<FindObject>();
        search->found = matches(directory, path.last, at_root);
    } catch (const std::bad_alloc&) {
        return fail_with(ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
    }
    if (search->found.empty()) return fail_with(ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE);
    *data = search->found[0];
    search->next = 1;
    HANDLE handle = insert_handle(std::move(search));
    return handle != nullptr ? handle : INVALID_HANDLE_VALUE;
}

void widen(const WIN32_FIND_DATAA& narrow, WIN32_FIND_DATAW& wide) {
    std::memcpy(&wide, &narrow, offsetof(WIN32_FIND_DATAA, cFileName));
    const std::wstring name = ansi_to_wide(narrow.cFileName);
    const std::size_t n = std::min<std::size_t>(name.size(), MAX_PATH - 1);
    std::wmemcpy(wide.cFileName, name.data(), n);
    wide.cFileName[n] = L'\0';
    wide.cAlternateFileName[0] = L'\0';
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData) {
    return first_file(lpFileName, lpFindFileData);
}

extern "C" BOOL WINAPI FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData) {
    const auto search = lookup_handle_as<FindObject>(hFindFile);
    if (!search) return fail_with(ERROR_INVALID_HANDLE, FALSE);
    if (lpFindFileData == nullptr) return fail_with(ERROR_NOACCESS, FALSE);
    std::lock_guard lock(search->mutex);
    if (search->next >= search->found.size()) return fail_with(ERROR_NO_MORE_FILES, FALSE);
    *lpFindFileData = search->found[search->next++];
    return TRUE;
}

extern "C" BOOL WINAPI FindClose(HANDLE hFindFile) {
    if (!lookup_handle_as<FindObject>(hFindFile)) return fail_with(ERROR_INVALID_HANDLE, FALSE);
    return close_handle(hFindFile) ? TRUE : fail_with(ERROR_INVALID_HANDLE, FALSE);
}

extern "C" HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData) {
    if (lpFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, INVALID_HANDLE_VALUE);
    if (lpFindFileData == nullptr) return fail_with(ERROR_NOACCESS, INVALID_HANDLE_VALUE);
    WIN32_FIND_DATAA narrow{};
    HANDLE handle = first_file(wide_to_ansi(lpFileName).c_str(), &narrow);
    if (handle != INVALID_HANDLE_VALUE) widen(narrow, *lpFindFileData);
    return handle;
}

extern "C" BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData) {
    if (lpFindFileData == nullptr) return fail_with(ERROR_NOACCESS, FALSE);
    WIN32_FIND_DATAA narrow{};
    if (!FindNextFileA(hFindFile, &narrow)) return FALSE;
    widen(narrow, *lpFindFileData);
    return TRUE;
}
