// Wide (wchar_t, UTF-32 on Linux) to UTF-8, for the ...W entry points and
// wsprintf's wide arguments. POSIX builds treat narrow strings as UTF-8
// where Windows would use the ANSI code page.
#pragma once

#include <string>
#include <string_view>

namespace rasshost::posix {

// Appends one code point; surrogates and values beyond U+10FFFF become '?',
// as WideCharToMultiByte's default character does for unmappable input.
void append_utf8(std::string& out, char32_t code_point);

// The UTF-8 form of a NUL-terminated wide string (empty for NULL).
std::string to_utf8(const wchar_t* wide);

// Wide text from UTF-8 (the environment, a .reg file): a malformed sequence
// becomes U+FFFD for its first byte, so decoding always moves on.
std::wstring from_utf8(std::string_view utf8);

}  // namespace rasshost::posix
