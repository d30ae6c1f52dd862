// CharUpperA and friends: a byte's character in the ANSI code page, its
// case in Unicode, and back when the code page has the other case. The
// letters known are those the supported code pages hold: ASCII, Latin-1,
// 1252's extra Latin letters and 437's Greek (docs/decisions.md#ansi-code-page).
#include <rasshost/win32.h>

#include <cstdint>

#include "posix/win32/text/ansi_code_page.hpp"
#include "posix/win32/text/code_page_tables.hpp"

namespace text = rasshost::posix::text;

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

// The byte's character and the code page's table (nullptr for UTF-8, where
// only ASCII bytes are characters of their own).
const text::SingleByteCodePage* ansi_table() noexcept {
    return text::single_byte_code_page(rasshost::posix::ansi_code_page());
}

char32_t character_of(unsigned char byte) noexcept {
    const text::SingleByteCodePage* page = ansi_table();
    return page != nullptr ? page->to_unicode[byte] : (byte < 0x80 ? byte : 0xFFFD);
}

template <typename Map>
char map_byte(char byte, Map map) noexcept {
    const auto b = static_cast<unsigned char>(byte);
    const char32_t mapped = map(character_of(b));
    const text::SingleByteCodePage* page = ansi_table();
    if (page == nullptr) return mapped < 0x80 ? static_cast<char>(mapped) : byte;
    const std::uint8_t out = mapped < 0x10000 ? page->from_unicode[mapped] : 0;
    return out != 0 ? static_cast<char>(out) : byte;  // the other case is not in the code page
}

template <typename Map>
LPSTR map_string_or_char(LPSTR lpsz, Map map) noexcept {
    if (lpsz == nullptr) return nullptr;
    const auto bits = reinterpret_cast<std::uintptr_t>(lpsz);
    if ((bits >> 16) == 0) {  // a character in the low word, not a pointer
        const auto c = static_cast<unsigned char>(map_byte(static_cast<char>(bits & 0xFF), map));
        return reinterpret_cast<LPSTR>(static_cast<std::uintptr_t>(c));
    }
    for (char* p = lpsz; *p != '\0'; ++p) *p = map_byte(*p, map);
    return lpsz;
}

template <typename Map>
DWORD map_buffer(LPSTR lpsz, DWORD length, Map map) noexcept {
    if (lpsz == nullptr) return 0;
    for (DWORD i = 0; i < length; ++i) lpsz[i] = map_byte(lpsz[i], map);
    return length;
}

}  // namespace

extern "C" LPSTR WINAPI CharUpperA(LPSTR lpsz) { return map_string_or_char(lpsz, to_upper); }
extern "C" LPSTR WINAPI CharLowerA(LPSTR lpsz) { return map_string_or_char(lpsz, to_lower); }
extern "C" DWORD WINAPI CharUpperBuffA(LPSTR lpsz, DWORD cchLength) { return map_buffer(lpsz, cchLength, to_upper); }
extern "C" DWORD WINAPI CharLowerBuffA(LPSTR lpsz, DWORD cchLength) { return map_buffer(lpsz, cchLength, to_lower); }

extern "C" LPSTR WINAPI CharNextA(LPCSTR lpsz) {
    if (lpsz == nullptr) return nullptr;
    const char* next = *lpsz == '\0' ? lpsz : lpsz + 1;
    if (ansi_table() == nullptr && *lpsz != '\0') {  // UTF-8: skip continuation bytes
        while ((static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;
    }
    return const_cast<LPSTR>(next);
}

extern "C" LPSTR WINAPI CharPrevA(LPCSTR lpszStart, LPCSTR lpszCurrent) {
    if (lpszStart == nullptr || lpszCurrent == nullptr || lpszCurrent <= lpszStart) return const_cast<LPSTR>(lpszStart);
    const char* previous = lpszCurrent - 1;
    if (ansi_table() == nullptr) {
        while (previous > lpszStart && (static_cast<unsigned char>(*previous) & 0xC0) == 0x80) --previous;
    }
    return const_cast<LPSTR>(previous);
}

extern "C" BOOL WINAPI IsCharUpperA(CHAR ch) { return is_upper(character_of(static_cast<unsigned char>(ch))); }
extern "C" BOOL WINAPI IsCharLowerA(CHAR ch) { return is_lower(character_of(static_cast<unsigned char>(ch))); }
extern "C" BOOL WINAPI IsCharAlphaA(CHAR ch) {
    const char32_t c = character_of(static_cast<unsigned char>(ch));
    return is_upper(c) || is_lower(c) || c == 0xAA || c == 0xBA;  // ª and º are letters without case
}
extern "C" BOOL WINAPI IsCharAlphaNumericA(CHAR ch) { return IsCharAlphaA(ch) || (ch >= '0' && ch <= '9'); }
