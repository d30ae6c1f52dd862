// CreateFileA/W: a Windows path, a disposition and the access wanted, as a
// POSIX descriptor behind a handle. The read-only attribute is the owner's
// write permission bit, and it is honoured even for root, who could write
// anyway: a legacy DLL expects ERROR_ACCESS_DENIED there
// (docs/decisions.md#file-attributes).
#include <rasshost/win32.h>

#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/files/file_object.hpp"
#include "posix/win32/files/windows_path.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <new>

namespace rasshost::posix {
namespace {

constexpr DWORD read_rights = GENERIC_READ | GENERIC_ALL | FILE_READ_DATA;
constexpr DWORD write_rights = GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA;

struct Request {
    bool read, write, deleting;
    DWORD share, disposition, flags;
};

int open_flags(const Request& request) {
    const int access = request.read && request.write ? O_RDWR : request.write ? O_WRONLY : O_RDONLY;
    return access | O_CLOEXEC | O_NOCTTY;
}

// Opens, creating as the disposition says; *existed tells whether the file
// was there. Returns the descriptor or -1 with errno.
int open_by_disposition(const std::string& path, const Request& request, bool* existed) {
    const mode_t mode = (request.flags & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
    const int flags = open_flags(request);
    for (int attempt = 0; attempt < 8; ++attempt) {  // a racing create or delete: look again
        if (request.disposition != CREATE_NEW) {
            const int fd = ::open(path.c_str(), flags);
            if (fd >= 0 || errno != ENOENT) {
                *existed = fd >= 0;
                return fd;
            }
            if (request.disposition == OPEN_EXISTING || request.disposition == TRUNCATE_EXISTING) return -1;
        }
        const int fd = ::open(path.c_str(), flags | O_CREAT | O_EXCL, mode);
        if (fd >= 0 || errno != EEXIST || request.disposition == CREATE_NEW) {
            *existed = fd < 0;
            return fd;
        }
    }
    errno = EBUSY;
    return -1;
}

// Windows' own checks before and after the open: a directory is not a file
// (without FILE_FLAG_BACKUP_SEMANTICS), a read-only file is not written.
DWORD check_target(int fd, const Request& request, bool existed) {
    struct stat status {};
    if (::fstat(fd, &status) != 0) return win32_error_from_errno(errno);
    if (S_ISDIR(status.st_mode) && !(request.flags & FILE_FLAG_BACKUP_SEMANTICS)) return ERROR_ACCESS_DENIED;
    if (existed && (request.write || request.disposition == CREATE_ALWAYS) && !S_ISDIR(status.st_mode) &&
        !(status.st_mode & S_IWUSR))
        return ERROR_ACCESS_DENIED;
    return ERROR_SUCCESS;
}

HANDLE open_file(const char* name, const Request& request) {
    const ResolvedPath path = resolve_path(name);
    if (path.error != ERROR_SUCCESS) return fail_with(path.error, INVALID_HANDLE_VALUE);
    bool existed = false;
    const int fd = open_by_disposition(path.posix, request, &existed);
    if (fd < 0) {
        if (errno == EEXIST) return fail_with(ERROR_FILE_EXISTS, INVALID_HANDLE_VALUE);
        return fail_with_errno(errno, INVALID_HANDLE_VALUE);
    }
    struct stat status {};
    ::fstat(fd, &status);
    const FileIdentity identity{status.st_dev, status.st_ino};
    DWORD error = check_target(fd, request, existed);
    if (error == ERROR_SUCCESS)
        error = admit_open(identity, request.read, request.write, request.deleting, request.share);
    if (error != ERROR_SUCCESS) {
        if (!existed) ::unlink(path.posix.c_str());
        ::close(fd);
        return fail_with(error, INVALID_HANDLE_VALUE);
    }
    const bool truncate = existed && (request.disposition == CREATE_ALWAYS || request.disposition == TRUNCATE_EXISTING);
    if (truncate && ::ftruncate(fd, 0) != 0) {
        const int saved = errno;
        forget_open(identity, request.read, request.write, request.share);
        ::close(fd);
        return fail_with_errno(saved, INVALID_HANDLE_VALUE);
    }
    if (truncate || !existed) note_files_changed();
    std::shared_ptr<FileObject> object;
    try {
        object = std::make_shared<FileObject>(fd, identity, request.read, request.write, request.share,
                                              request.deleting ? path.posix : std::string());
    } catch (const std::bad_alloc&) {
        forget_open(identity, request.read, request.write, request.share);
        ::close(fd);
        return fail_with(ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
    }
    HANDLE handle = insert_handle(std::move(object));
    if (handle == nullptr) return INVALID_HANDLE_VALUE;  // the object's release closed the file
    const bool reports_existing = existed && (request.disposition == CREATE_ALWAYS || request.disposition == OPEN_ALWAYS);
    SetLastError(reports_existing ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return handle;
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                     LPSECURITY_ATTRIBUTES, DWORD dwCreationDisposition,
                                     DWORD dwFlagsAndAttributes, HANDLE) {
    const Request request{(dwDesiredAccess & read_rights) != 0, (dwDesiredAccess & write_rights) != 0,
                          (dwFlagsAndAttributes & FILE_FLAG_DELETE_ON_CLOSE) != 0, dwShareMode,
                          dwCreationDisposition, dwFlagsAndAttributes};
    if (dwCreationDisposition < CREATE_NEW || dwCreationDisposition > TRUNCATE_EXISTING ||
        (dwCreationDisposition == TRUNCATE_EXISTING && !request.write) ||
        (dwShareMode & ~(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)) != 0)
        return fail_with(ERROR_INVALID_PARAMETER, INVALID_HANDLE_VALUE);
    return open_file(lpFileName, request);
}

extern "C" HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                     LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                                     DWORD dwFlagsAndAttributes, HANDLE hTemplateFile) {
    if (lpFileName == nullptr) return fail_with(ERROR_PATH_NOT_FOUND, INVALID_HANDLE_VALUE);
    const std::string name = wide_to_ansi(lpFileName);
    return CreateFileA(name.c_str(), dwDesiredAccess, dwShareMode, lpSecurityAttributes, dwCreationDisposition,
                       dwFlagsAndAttributes, hTemplateFile);
}
