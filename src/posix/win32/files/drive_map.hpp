// The drive letters of Windows paths and the directories they lead to
// (docs/decisions.md#windows-paths); the public side is rasshost/drives.hpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rasshost::posix::drives {

// The directory (UTF-8, absolute, no trailing '/' but for "/") behind drive
// 'A'..'Z', or nothing when it is unmapped.
std::optional<std::string> root_of(char letter);

// The Windows form (ANSI, "C:\\dir\\file") of an absolute POSIX path,
// through the drive whose directory holds it most closely; nothing when no
// drive holds it.
std::optional<std::string> windows_form(std::string_view posix_utf8);

// Changes whenever a mapping changes (caches of resolved paths compare it;
// read inline, as every profile read checks it).
extern std::atomic<std::uint64_t> changes;
inline std::uint64_t generation() noexcept { return changes.load(std::memory_order_acquire); }

}  // namespace rasshost::posix::drives
