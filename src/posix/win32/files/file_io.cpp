// ReadFile, WriteFile and the file pointer and size calls on a file handle.
// A transfer with an OVERLAPPED is a positioned synchronous one at its
// Offset (the handle was never opened for overlapped I/O), leaving the file
// pointer after it, as Windows does for such a handle.
#include <rasshost/win32.h>

#include "posix/win32/files/file_errors.hpp"
#include "posix/win32/files/file_object.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace rasshost::posix {
namespace {

std::shared_ptr<FileObject> file_of(HANDLE handle) { return lookup_handle_as<FileObject>(handle); }

off_t offset_of(const OVERLAPPED* overlapped) {
    return static_cast<off_t>((static_cast<std::uint64_t>(overlapped->OffsetHigh) << 32) | overlapped->Offset);
}

// Moves `count` bytes with `step` (read or write, at `position` or at the
// file pointer when it is negative) until done, the end of the file, or an
// error. Returns the bytes moved, or -1 with errno.
template <class Step>
ssize_t transfer(DWORD count, off_t position, Step step) {
    DWORD done = 0;
    while (done < count) {
        const ssize_t n = step(done, position < 0 ? -1 : position + static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        done += static_cast<DWORD>(n);
    }
    return done;
}

// The new position for a move, or -1 (last error set).
off_t target_position(int fd, LONGLONG distance, DWORD method) {
    off_t base = 0;
    if (method == FILE_CURRENT) {
        base = ::lseek(fd, 0, SEEK_CUR);
    } else if (method == FILE_END) {
        struct stat status {};
        base = ::fstat(fd, &status) == 0 ? status.st_size : -1;
    } else if (method != FILE_BEGIN) {
        return fail_with(ERROR_INVALID_PARAMETER, off_t{-1});
    }
    if (base < 0) return fail_with_errno(errno, off_t{-1});
    if (distance < 0 && base < -distance) return fail_with(ERROR_NEGATIVE_SEEK, off_t{-1});
    return base + static_cast<off_t>(distance);
}

bool move_pointer(HANDLE handle, LONGLONG distance, DWORD method, LONGLONG* position) {
    const auto file = file_of(handle);
    if (!file) return fail_with(ERROR_INVALID_HANDLE, false);
    const off_t target = target_position(file->fd(), distance, method);
    if (target < 0) return false;
    if (::lseek(file->fd(), target, SEEK_SET) < 0) return fail_with_errno(errno, false);
    *position = target;
    return true;
}

bool file_size(HANDLE handle, LONGLONG* size) {
    const auto file = file_of(handle);
    if (!file) return fail_with(ERROR_INVALID_HANDLE, false);
    struct stat status {};
    if (::fstat(file->fd(), &status) != 0) return fail_with_errno(errno, false);
    *size = status.st_size;
    return true;
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                                LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped) {
    if (lpNumberOfBytesRead != nullptr) *lpNumberOfBytesRead = 0;
    const auto file = file_of(hFile);
    if (!file) return fail_with(ERROR_INVALID_HANDLE, FALSE);
    if (!file->can_read()) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    if (lpBuffer == nullptr && nNumberOfBytesToRead > 0) return fail_with(ERROR_NOACCESS, FALSE);
    const int fd = file->fd();
    auto* bytes = static_cast<char*>(lpBuffer);
    const off_t at = lpOverlapped != nullptr ? offset_of(lpOverlapped) : -1;
    const ssize_t n = transfer(nNumberOfBytesToRead, at, [&](DWORD done, off_t position) {
        const std::size_t wanted = nNumberOfBytesToRead - done;
        return position < 0 ? ::read(fd, bytes + done, wanted) : ::pread(fd, bytes + done, wanted, position);
    });
    if (n < 0) return fail_with_errno(errno, FALSE);
    if (lpOverlapped != nullptr) ::lseek(fd, at + n, SEEK_SET);
    if (lpNumberOfBytesRead != nullptr) *lpNumberOfBytesRead = static_cast<DWORD>(n);
    return TRUE;
}

extern "C" BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                                 LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped) {
    if (lpNumberOfBytesWritten != nullptr) *lpNumberOfBytesWritten = 0;
    const auto file = file_of(hFile);
    if (!file) return fail_with(ERROR_INVALID_HANDLE, FALSE);
    if (!file->can_write()) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    if (lpBuffer == nullptr && nNumberOfBytesToWrite > 0) return fail_with(ERROR_NOACCESS, FALSE);
    const int fd = file->fd();
    const auto* bytes = static_cast<const char*>(lpBuffer);
    const off_t at = lpOverlapped != nullptr ? offset_of(lpOverlapped) : -1;
    const ssize_t n = transfer(nNumberOfBytesToWrite, at, [&](DWORD done, off_t position) {
        const std::size_t wanted = nNumberOfBytesToWrite - done;
        return position < 0 ? ::write(fd, bytes + done, wanted) : ::pwrite(fd, bytes + done, wanted, position);
    });
    if (n > 0) note_files_changed();
    if (n < 0) return fail_with_errno(errno, FALSE);
    if (lpOverlapped != nullptr) ::lseek(fd, at + n, SEEK_SET);
    if (lpNumberOfBytesWritten != nullptr) *lpNumberOfBytesWritten = static_cast<DWORD>(n);
    return TRUE;
}

extern "C" DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                                       DWORD dwMoveMethod) {
    const LONGLONG distance =
        lpDistanceToMoveHigh != nullptr
            ? static_cast<LONGLONG>((static_cast<ULONGLONG>(static_cast<DWORD>(*lpDistanceToMoveHigh)) << 32) |
                                    static_cast<DWORD>(lDistanceToMove))
            : static_cast<LONGLONG>(lDistanceToMove);
    LONGLONG position = 0;
    if (!move_pointer(hFile, distance, dwMoveMethod, &position)) return INVALID_SET_FILE_POINTER;
    if (lpDistanceToMoveHigh != nullptr) *lpDistanceToMoveHigh = static_cast<LONG>(position >> 32);
    const auto low = static_cast<DWORD>(position);
    if (low == INVALID_SET_FILE_POINTER) SetLastError(NO_ERROR);  // so the caller can tell it from a failure
    return low;
}

extern "C" BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove, PLARGE_INTEGER lpNewFilePointer,
                                        DWORD dwMoveMethod) {
    LONGLONG position = 0;
    if (!move_pointer(hFile, liDistanceToMove.QuadPart, dwMoveMethod, &position)) return FALSE;
    if (lpNewFilePointer != nullptr) lpNewFilePointer->QuadPart = position;
    return TRUE;
}

extern "C" DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh) {
    LONGLONG size = 0;
    if (!file_size(hFile, &size)) return INVALID_FILE_SIZE;
    if (lpFileSizeHigh != nullptr) *lpFileSizeHigh = static_cast<DWORD>(static_cast<ULONGLONG>(size) >> 32);
    const auto low = static_cast<DWORD>(size);
    if (low == INVALID_FILE_SIZE) SetLastError(NO_ERROR);
    return low;
}

extern "C" BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize) {
    LONGLONG size = 0;
    if (lpFileSize == nullptr) return fail_with(ERROR_NOACCESS, FALSE);
    if (!file_size(hFile, &size)) return FALSE;
    lpFileSize->QuadPart = size;
    return TRUE;
}

extern "C" BOOL WINAPI SetEndOfFile(HANDLE hFile) {
    const auto file = file_of(hFile);
    if (!file) return fail_with(ERROR_INVALID_HANDLE, FALSE);
    if (!file->can_write()) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    const off_t position = ::lseek(file->fd(), 0, SEEK_CUR);
    if (position < 0 || ::ftruncate(file->fd(), position) != 0) return fail_with_errno(errno, FALSE);
    note_files_changed();
    return TRUE;
}

extern "C" BOOL WINAPI FlushFileBuffers(HANDLE hFile) {
    const auto file = file_of(hFile);
    if (!file) return fail_with(ERROR_INVALID_HANDLE, FALSE);
    if (!file->can_write()) return fail_with(ERROR_ACCESS_DENIED, FALSE);
    if (::fsync(file->fd()) != 0) return fail_with_errno(errno, FALSE);
    return TRUE;
}
