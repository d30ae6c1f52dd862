// The calls that work on a file or directory by name: delete, move, copy,
// make and remove directories, attributes. Windows' own refusals come
// first: a read-only file is not deleted or replaced, a file open without
// FILE_SHARE_DELETE is not deleted or moved (docs/decisions.md#file-share-modes).
#include <rasshost/win32.h>

#include "posix/win32/files/file_attributes.hpp"
#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/files/file_object.hpp"
#include "posix/win32/files/windows_path.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace rasshost::posix {
namespace {

bool stat_of(const std::string& posix, struct stat& status) { return ::lstat(posix.c_str(), &status) == 0; }

FileIdentity identity_of(const struct stat& status) { return FileIdentity{status.st_dev, status.st_ino}; }

bool read_only(const struct stat& status) { return !S_ISDIR(status.st_mode) && !(status.st_mode & S_IWUSR); }

// Copies the bytes and the permission bits of one file to a new or
// truncated one.
bool copy_contents(const std::string& from, const std::string& to, mode_t mode) {
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return fail_with_errno(errno, false);
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 0777);
    if (out < 0) {
        const int saved = errno;
        ::close(in);
        return fail_with_errno(saved, false);
    }
    char buffer[65536];
    bool ok = true;
    for (;;) {
        const ssize_t n = ::read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            const ssize_t w = ::write(out, buffer + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno != EINTR) ok = false;
            if (w > 0) done += w;
        }
        if (!ok) break;
    }
    const int saved = errno;
    ::fchmod(out, mode & 0777);
    ::close(in);
    ::close(out);
    note_files_changed();
    return ok || fail_with_errno(saved, false);
}

// The target of a move or copy: ERROR_SUCCESS, or why it may not be (re)placed.
DWORD check_target(const ResolvedPath& target, bool replace, DWORD exists_error) {
    if (target.error != ERROR_SUCCESS) return target.error;
    if (!target.exists) return ERROR_SUCCESS;
    if (!replace) return exists_error;
    struct stat status {};
    if (stat_of(target.posix, status) && (S_ISDIR(status.st_mode) || read_only(status))) return ERROR_ACCESS_DENIED;
    if (stat_of(target.posix, status) && !may_delete(identity_of(status))) return ERROR_SHARING_VIOLATION;
    return ERROR_SUCCESS;
}

// The POSIX name a move gives: a name differing from the source only in
// letter case renames the source to that case.
std::string new_name(const ResolvedPath& source, const ResolvedPath& target) {
    if (!target.exists || target.posix != source.posix) return target.posix;
    const auto slash = source.posix.rfind('/');
    return source.posix.substr(0, slash + 1) + ansi_to_utf8(target.last);
}

BOOL move_file(const char* from, const char* to, DWORD flags) {
    const ResolvedPath source = resolve_path(from);
    if (source.error != ERROR_SUCCESS) return fail_with(source.error, FALSE);
    struct stat status {};
    if (!source.exists || !stat_of(source.posix, status)) return fail_with(ERROR_FILE_NOT_FOUND, FALSE);
    if (!may_delete(identity_of(status))) return fail_with(ERROR_SHARING_VIOLATION, FALSE);
    const ResolvedPath target = resolve_path(to);
    const bool same = target.exists && target.posix == source.posix;
    const DWORD refusal = same ? target.error : check_target(target, flags & MOVEFILE_REPLACE_EXISTING, ERROR_ALREADY_EXISTS);
    if (refusal != ERROR_SUCCESS) return fail_with(refusal, FALSE);
    const std::string destination = new_name(source, target);
    if (::rename(source.posix.c_str(), destination.c_str()) == 0) {
        note_files_changed();
        return TRUE;
    }
    if (errno != EXDEV || !(flags & MOVEFILE_COPY_ALLOWED) || S_ISDIR(status.st_mode))
        return fail_with_errno(errno, FALSE);
    if (!copy_contents(source.posix, destination, status.st_mode)) return FALSE;
    ::unlink(source.posix.c_str());
    return TRUE;
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" BOOL WINAPI DeleteFileA(LPCSTR lpFileName) {
    const ResolvedPath path = resolve_path(lpFileName);
    if (path.error != ERROR_SUCCESS) return fail_with(path.error, FALSE);
    struct stat status {};
    if (!path.exists || !stat_of(path.posix, status)) return fail_with(ERROR_FILE_NOT_FOUND, FALSE);
    if (S_ISDIR(status.st_mode) || read_only(status)) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    if (!may_delete(identity_of(status))) return fail_with(ERROR_SHARING_VIOLATION, FALSE);
    if (::unlink(path.posix.c_str()) != 0) return fail_with_errno(errno, FALSE);
    note_files_changed();
    return TRUE;
}

extern "C" BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags) {
    if (dwFlags & MOVEFILE_DELAY_UNTIL_REBOOT) return fail_with(ERROR_INVALID_PARAMETER, FALSE);  // no reboot here
    return move_file(lpExistingFileName, lpNewFileName, dwFlags);
}

// MoveFile moves a file to another volume too, as MOVEFILE_COPY_ALLOWED does.
extern "C" BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName) {
    return move_file(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}

extern "C" BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists) {
    const ResolvedPath source = resolve_path(lpExistingFileName);
    if (source.error != ERROR_SUCCESS) return fail_with(source.error, FALSE);
    struct stat status {};
    if (!source.exists || ::stat(source.posix.c_str(), &status) != 0) return fail_with(ERROR_FILE_NOT_FOUND, FALSE);
    if (S_ISDIR(status.st_mode)) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    const ResolvedPath target = resolve_path(lpNewFileName);
    const DWORD refusal = check_target(target, !bFailIfExists, ERROR_FILE_EXISTS);
    if (refusal != ERROR_SUCCESS) return fail_with(refusal, FALSE);
    if (target.exists && target.posix == source.posix) return fail_with(ERROR_SHARING_VIOLATION, FALSE);
    return copy_contents(source.posix, target.posix, status.st_mode) ? TRUE : FALSE;
}

extern "C" BOOL WINAPI CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES) {
    const ResolvedPath path = resolve_path(lpPathName);
    if (path.error != ERROR_SUCCESS) return fail_with(path.error, FALSE);
    if (path.exists) return fail_with(ERROR_ALREADY_EXISTS, FALSE);
    if (::mkdir(path.posix.c_str(), 0777) != 0) return fail_with_errno(errno, FALSE);
    note_files_changed();
    return TRUE;
}

extern "C" BOOL WINAPI RemoveDirectoryA(LPCSTR lpPathName) {
    const ResolvedPath path = resolve_path(lpPathName);
    if (path.error != ERROR_SUCCESS) return fail_with(path.error, FALSE);
    struct stat status {};
    if (!path.exists || !stat_of(path.posix, status)) return fail_with(ERROR_FILE_NOT_FOUND, FALSE);
    if (!S_ISDIR(status.st_mode)) return fail_with(ERROR_DIRECTORY, FALSE);
    if (::rmdir(path.posix.c_str()) != 0) return fail_with_errno(errno, FALSE);
    note_files_changed();
    return TRUE;
}

extern "C" DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName) {
    const ResolvedPath path = resolve_path(lpFileName);
    if (path.error != ERROR_SUCCESS) return fail_with(path.error, INVALID_FILE_ATTRIBUTES);
    struct stat status {};
    if (!path.exists || ::stat(path.posix.c_str(), &status) != 0)
        return fail_with(ERROR_FILE_NOT_FOUND, INVALID_FILE_ATTRIBUTES);
    return attributes_of(status);
}
