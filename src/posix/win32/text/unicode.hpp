// UTF-8 and UTF-7 code points for the converters, with Windows' handling of
// malformed input: each maximal ill-formed subsequence becomes one U+FFFD
// (and is reported, for MB_ERR_INVALID_CHARS and WC_ERR_INVALID_CHARS).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rasshost::posix::text {

inline constexpr char32_t replacement_character = 0xFFFD;

// One code point of UTF-8 at `at`, advancing past it (at least one byte);
// malformed input yields U+FFFD and sets `malformed`.
char32_t decode_utf8(std::string_view utf8, std::size_t& at, bool& malformed) noexcept;

// One code point of wide text at `at`, advancing past it: a UTF-16
// surrogate pair held in two wchar_t is joined; a lone surrogate or a value
// beyond U+10FFFF yields U+FFFD and sets `malformed`.
char32_t decode_wide(std::wstring_view wide, std::size_t& at, bool& malformed) noexcept;

// UTF-7 (RFC 2152) as Windows reads it: "+-" is '+', a base64 run ends at
// the first byte outside base64 (a '-' there is dropped).
std::u32string decode_utf7(std::string_view utf7);

// UTF-7 as Windows writes it: letters, digits, space, tab, CR, LF and
// '(),-./:? are direct, '+' is "+-", everything else goes into base64
// runs, each closed by '-'.
std::string encode_utf7(std::u32string_view text);

}  // namespace rasshost::posix::text
