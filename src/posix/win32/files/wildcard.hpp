// FindFirstFile's patterns (docs/decisions.md#find-patterns): '*' any run
// of characters, '?' one character, other characters equal letter case
// ignored; a pattern ending in ".*" also matches a name without a dot, so
// "*.*" matches every name, as on Windows. Exported for its fuzz target only.
#pragma once

#include <rasshost/config.h>

#include <string_view>

namespace rasshost::posix {

// Bounded: linear in the lengths, whatever the pattern.
RASSHOST_API bool wildcard_match(std::string_view pattern, std::string_view name) noexcept;

}  // namespace rasshost::posix
