// rasshost/append_only_file.hpp - a file a host appends records to (a
// transcript), opened so that a mistake in its path cannot hurt: created
// private to its owner, never through a symbolic link, never truncated.
#pragma once

#include "config.h"

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace rasshost {

/** Why a file could not be opened; the message names the path. */
class RASSHOST_API FileOpenError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** A file opened for appending only (O_APPEND; Windows: FILE_APPEND_DATA
 *  alone). A new file is created mode 0600 (Windows: a protected DACL
 *  granting its owner and SYSTEM only); an existing one keeps its mode and
 *  its contents. A symbolic link in the last component of the path is
 *  refused, not followed (O_NOFOLLOW; Windows: any reparse point), and so
 *  is anything but a regular file (a FIFO, a device, a directory). */
class RASSHOST_API AppendOnlyFile {
public:
    /** Opens or creates `path`. Throws FileOpenError. */
    explicit AppendOnlyFile(const std::filesystem::path& path);
    ~AppendOnlyFile();
    AppendOnlyFile(const AppendOnlyFile&) = delete;
    AppendOnlyFile& operator=(const AppendOnlyFile&) = delete;

    /** Appends all of `bytes` at the file's end. False on an error (the
     *  disk is full, ...), the reason then in errno / GetLastError(). */
    bool append(std::string_view bytes) noexcept;

private:
    std::intptr_t handle_;  // a descriptor (POSIX) or a HANDLE (Windows)
};

}  // namespace rasshost
