// FILE_ATTRIBUTE_* and FILETIMEs from a stat (docs/decisions.md#file-attributes):
// a directory is FILE_ATTRIBUTE_DIRECTORY, any other file
// FILE_ATTRIBUTE_ARCHIVE (as NTFS marks a new file), and either is
// FILE_ATTRIBUTE_READONLY without its owner's write bit.
#pragma once

#include <rasshost/win32.h>

#include <sys/stat.h>
#include <time.h>

#include <cstdint>

namespace rasshost::posix {

inline DWORD attributes_of(const struct stat& status) noexcept {
    DWORD attributes = S_ISDIR(status.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if (!(status.st_mode & S_IWUSR)) attributes |= FILE_ATTRIBUTE_READONLY;
    return attributes;
}

// 100 ns intervals since 1601-01-01, the FILETIME epoch.
inline FILETIME filetime_of(const struct timespec& time) noexcept {
    constexpr std::int64_t seconds_1601_to_1970 = 11644473600;
    const std::int64_t ticks = (static_cast<std::int64_t>(time.tv_sec) + seconds_1601_to_1970) * 10000000 +
                               time.tv_nsec / 100;
    const auto value = ticks < 0 ? 0 : static_cast<std::uint64_t>(ticks);
    return FILETIME{static_cast<DWORD>(value), static_cast<DWORD>(value >> 32)};
}

}  // namespace rasshost::posix
