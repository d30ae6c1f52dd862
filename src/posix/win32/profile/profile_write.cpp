// WritePrivateProfileStringA/W: the file read afresh, the one line changed
// (or added, or the key or section removed), the file written back whole.
// A missing file is created; the other lines stay as they were.
#include <rasshost/win32.h>

#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/files/file_object.hpp"
#include "posix/win32/profile/profile_cache.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <string>

namespace rasshost::posix {
namespace {

std::mutex writing;  // two threads' edits of one file must not interleave

bool read_whole(const std::string& posix, std::string& text) {
    const int fd = ::open(posix.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || text.size() > IniDocument::max_size) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return true;
}

bool write_whole(const std::string& posix, const std::string& text) {
    const int fd = ::open(posix.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return fail_with_errno(errno, false);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int saved = errno;
            ::close(fd);
            return fail_with_errno(saved, false);
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    note_files_changed();
    return true;
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" BOOL WINAPI WritePrivateProfileStringA(LPCSTR lpAppName, LPCSTR lpKeyName, LPCSTR lpString,
                                                  LPCSTR lpFileName) {
    if (lpAppName == nullptr) return fail_with(ERROR_INVALID_PARAMETER, FALSE);
    DWORD error = ERROR_SUCCESS;
    const std::string posix = profile_path(lpFileName, error);
    if (error != ERROR_SUCCESS) return fail_with(error, FALSE);
    std::lock_guard lock(writing);
    std::string text;
    if (!read_whole(posix, text)) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    IniDocument document(text);
    if (lpKeyName == nullptr) {
        document.delete_section(lpAppName);
    } else if (lpString == nullptr) {
        document.delete_entry(lpAppName, lpKeyName);
    } else {
        std::string_view value = lpString;
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        document.set_value(lpAppName, lpKeyName, value);
    }
    const std::string updated = document.text();
    if (updated == text && (!text.empty() || lpString == nullptr || lpKeyName == nullptr)) return TRUE;
    return write_whole(posix, updated) ? TRUE : FALSE;
}

extern "C" BOOL WINAPI WritePrivateProfileStringW(LPCWSTR lpAppName, LPCWSTR lpKeyName, LPCWSTR lpString,
                                                  LPCWSTR lpFileName) {
    if (lpAppName == nullptr) return fail_with(ERROR_INVALID_PARAMETER, FALSE);
    const std::string section = wide_to_ansi(lpAppName);
    const std::string key = lpKeyName != nullptr ? wide_to_ansi(lpKeyName) : std::string();
    const std::string value = lpString != nullptr ? wide_to_ansi(lpString) : std::string();
    const std::string file = lpFileName != nullptr ? wide_to_ansi(lpFileName) : std::string("win.ini");
    return WritePrivateProfileStringA(section.c_str(), lpKeyName != nullptr ? key.c_str() : nullptr,
                                      lpString != nullptr ? value.c_str() : nullptr, file.c_str());
}
