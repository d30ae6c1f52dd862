// The text encodings of .reg files (docs/decisions.md#registry-file):
// regedit writes "Windows Registry Editor Version 5.00" files as UTF-16LE
// with a byte order mark and REGEDIT4 files in the ANSI code page; a
// version 5 file in UTF-8 (with or without its mark) is accepted too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rasshost::posix::registry {

// The file's bytes as wide text, or nullopt for bytes no encoding above
// explains (UTF-16BE, an odd UTF-16LE length).
std::optional<std::wstring> decode_reg_file(std::string_view bytes);

// Wide text as UTF-16LE bytes (characters beyond U+FFFF as surrogate pairs).
std::string to_utf16le(std::wstring_view text);
// UTF-16LE bytes as wide text (an odd last byte is dropped).
std::wstring from_utf16le(std::string_view bytes);

}  // namespace rasshost::posix::registry
