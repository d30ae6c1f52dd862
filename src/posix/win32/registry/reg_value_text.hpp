// A value's data as a .reg file writes it: "text", dword:0000002a,
// hex:01,02 and hex(N):... (docs/decisions.md#registry-file). Strings in hex
// form are UTF-16LE in a version 5 file and ANSI in a REGEDIT4 one.
#pragma once

#include <rasshost/win32.h>

#include <string>
#include <string_view>
#include <vector>

namespace rasshost::posix::registry {

// The stored bytes of a REG_SZ written as "text" (wide text with its NUL).
std::vector<BYTE> string_value_bytes(std::wstring_view text);

// dword:, hex: or hex(N): data after the '='; false with `problem` if bad.
bool parse_typed_data(std::wstring_view text, int version, DWORD& type, std::vector<BYTE>& data,
                      std::string& problem);

// The text after "name"= for a stored value; `column` is where it starts,
// for wrapping hex lists as regedit does.
std::wstring format_value_data(DWORD type, const std::vector<BYTE>& data, int version, std::size_t column);

// A name or string with \ and " escaped, in quotes.
std::wstring quote(std::wstring_view text);

}  // namespace rasshost::posix::registry
