#include "posix/win32/text/unicode_case.hpp"

namespace rasshost::posix::text {
namespace {

struct CasePair {
    char16_t upper, lower;
};

// Pairs outside the ranges handled arithmetically below.
constexpr CasePair extra_pairs[] = {
    {0x0160, 0x0161}, {0x0152, 0x0153}, {0x017D, 0x017E}, {0x0178, 0x00FF},
};

bool latin1_upper(char32_t c) noexcept { return c >= 0xC0 && c <= 0xDE && c != 0xD7; }
bool latin1_lower(char32_t c) noexcept { return c >= 0xE0 && c <= 0xFE && c != 0xF7; }
bool greek_upper(char32_t c) noexcept { return c >= 0x391 && c <= 0x3A9 && c != 0x3A2; }
bool greek_lower(char32_t c) noexcept { return c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2; }

}  // namespace

char32_t to_upper(char32_t c) noexcept {
    if ((c >= 'a' && c <= 'z') || latin1_lower(c) || greek_lower(c)) return c - 0x20;
    for (const CasePair& pair : extra_pairs)
        if (pair.lower == c) return pair.upper;
    return c;
}

char32_t to_lower(char32_t c) noexcept {
    if ((c >= 'A' && c <= 'Z') || latin1_upper(c) || greek_upper(c)) return c + 0x20;
    for (const CasePair& pair : extra_pairs)
        if (pair.upper == c) return pair.lower;
    return c;
}

bool is_lower(char32_t c) noexcept {
    return to_upper(c) != c || c == 0xDF || c == 0xB5 || c == 0x192 || c == 0x3C2;  // ß, µ, ƒ, ς: no upper case here
}

bool is_upper(char32_t c) noexcept { return to_lower(c) != c; }

}  // namespace rasshost::posix::text
