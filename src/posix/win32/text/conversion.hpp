// Conversion between a code page's bytes and wide text, for
// MultiByteToWideChar, WideCharToMultiByte and the ANSI code page helpers.
// Bounded: nothing is written at or past `capacity`.
#pragma once

#include <cstddef>
#include <string_view>

namespace rasshost::posix::text {

inline constexpr unsigned utf7_code_page = 65000;
inline constexpr unsigned utf8_code_page = 65001;

// True for the code pages below (1252, 437, UTF-7, UTF-8).
bool known_code_page(unsigned id) noexcept;

struct Converted {
    std::size_t count = 0;     // units written (or needed, with no output)
    bool malformed = false;    // input that is no valid text in its encoding
    bool used_default = false; // a character the code page lacks
    bool overflow = false;     // capacity too small: count is meaningless
};

// `bytes` in code page `id` (a known one) as wide characters into `out`
// (NULL: only count). With stop_on_malformed the first malformed sequence
// ends the conversion (malformed set).
Converted to_wide(unsigned id, std::string_view bytes, wchar_t* out, std::size_t capacity,
                  bool stop_on_malformed) noexcept;

// `wide` in code page `id` into `out` (NULL: only count). A character the
// code page lacks becomes `default_char` (single-byte pages; UTF-8 writes
// U+FFFD for malformed wide text).
Converted from_wide(unsigned id, std::wstring_view wide, char* out, std::size_t capacity, bool stop_on_malformed,
                    char default_char) noexcept;

}  // namespace rasshost::posix::text
