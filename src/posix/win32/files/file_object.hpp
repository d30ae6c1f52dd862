// A file handle's object: the descriptor, the access it was opened for, and
// its place among the process's opens of the same file (share modes,
// docs/decisions.md#file-share-modes). Not waitable.
#pragma once

#include "posix/win32/handles/handle_table.hpp"

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>

namespace rasshost::posix {

// Changes on every change this process makes to files through the Win32
// calls (caches of file contents compare it).
extern std::atomic<std::uint64_t> files_changes;  // read inline: every profile read checks it
inline std::uint64_t files_generation() noexcept { return files_changes.load(std::memory_order_acquire); }
void note_files_changed() noexcept;

struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const FileIdentity& other) const noexcept {
        return device == other.device && inode == other.inode;
    }
};

class FileObject final : public KernelObject {
public:
    static constexpr Kind kind = Kind::file;

    FileObject(int fd, FileIdentity identity, bool read, bool write, DWORD share, std::string delete_on_close);
    ~FileObject() override;

    int fd() const noexcept { return fd_; }
    bool can_read() const noexcept { return read_; }
    bool can_write() const noexcept { return write_; }

private:
    int fd_;
    FileIdentity identity_;
    bool read_, write_;
    DWORD share_;
    std::string delete_on_close_;  // the POSIX name to remove at close, if any
};

// Whether an open for (read, write, also deleting) with `share` is allowed
// beside the process's current opens of the file: ERROR_SUCCESS or
// ERROR_SHARING_VIOLATION. On success the open is recorded (and released by
// ~FileObject, or by forget_open when the open fails after all).
DWORD admit_open(FileIdentity identity, bool read, bool write, bool deleting, DWORD share);
void forget_open(FileIdentity identity, bool read, bool write, DWORD share) noexcept;

// Whether the file may be deleted or renamed now: every open of it in this
// process shares deletion.
bool may_delete(FileIdentity identity);

}  // namespace rasshost::posix
