// The .reg format regedit exports and imports (docs/decisions.md#registry-file),
// parsed into the changes it describes. A line the format does not allow is
// an error with its line number: nothing of a bad file is applied. Sizes are
// bounded (docs/limits.md#registry-files).
#pragma once

#include <rasshost/config.h>
#include <rasshost/win32.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rasshost::posix::registry {

inline constexpr std::size_t max_reg_file_bytes = 16u << 20;
inline constexpr std::size_t max_reg_value_bytes = 1u << 20;
inline constexpr std::size_t max_reg_key_depth = 512;

struct RegChange {
    enum class What { key, delete_key, value, delete_value } what = What::key;
    HKEY root = nullptr;  // HKEY_LOCAL_MACHINE ...
    std::wstring path;    // under root, '\'-separated
    std::wstring name;    // the value's (empty: the default value)
    DWORD type = REG_NONE;
    std::vector<BYTE> data;  // as stored: strings as wide text
};

struct RegParse {
    std::vector<RegChange> changes;
    std::size_t error_line = 0;  // 0: no error
    std::string error;
};

// Parses a file's bytes (any encoding of reg_file_text.hpp). Exported for
// its fuzz target.
RASSHOST_API RegParse parse_reg_file(std::string_view bytes);

// The SDK name of a root regedit writes, or nullptr. Exported for the same
// fuzz target.
RASSHOST_API const wchar_t* root_name(HKEY root) noexcept;

}  // namespace rasshost::posix::registry
