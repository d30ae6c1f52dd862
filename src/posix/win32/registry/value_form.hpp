// A value's bytes as an A or a W call sees them: the W form is the stored
// bytes; the A form has its strings in the ANSI code page
// (docs/decisions.md#registry-strings).
#pragma once

#include "posix/win32/registry/key_tree.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace rasshost::posix::registry {

enum class Form { ansi, wide };

constexpr bool is_string(DWORD type) noexcept {
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

// A value's data in `form`.
void data_in_form(const Value& value, Form form, std::vector<BYTE>& out);

// A string value's text in the ANSI code page, for the A form.
std::string ansi_text(const Value& value);

// The bytes to store for data a Set call passes in `form`. Strings whose
// count leaves out a terminator that follows them get it counted, as NT does.
std::vector<BYTE> stored_from_form(Form form, DWORD type, const BYTE* data, DWORD count);

// Copies `bytes` to a caller's buffer with RegQueryValueEx's rules: with
// `data` NULL only the size; ERROR_MORE_DATA when *count is short; a string
// without terminator gets one after it when the buffer has room (not counted).
LSTATUS copy_out(const BYTE* bytes, std::size_t size, DWORD type, Form form, LPBYTE data, LPDWORD count);

}  // namespace rasshost::posix::registry
