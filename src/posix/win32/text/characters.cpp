// CharUpperA and friends: a byte's character in the ANSI code page, its
// case in Unicode, and back when the code page has the other case, through
// the case tables the file-name and INI comparisons use too (ansi_case.hpp).
// The letters known are those the supported code pages hold: ASCII, Latin-1,
// 1252's extra Latin letters and 437's Greek (docs/decisions.md#ansi-code-page).
#include <rasshost/win32.h>

#include <array>
#include <cstdint>

#include "posix/win32/text/ansi_case.hpp"
#include "posix/win32/text/ansi_code_page.hpp"
#include "posix/win32/text/code_page_tables.hpp"
#include "posix/win32/text/unicode_case.hpp"

namespace text = rasshost::posix::text;
using rasshost::posix::AnsiCaseTable;
using text::is_lower;
using text::is_upper;

namespace {

// The byte's character and the code page's table (nullptr for UTF-8, where
// only ASCII bytes are characters of their own).
const text::SingleByteCodePage* ansi_table() noexcept {
    return text::single_byte_code_page(rasshost::posix::ansi_code_page());
}

char32_t character_of(unsigned char byte) noexcept {
    const text::SingleByteCodePage* page = ansi_table();
    return page != nullptr ? page->to_unicode[byte] : (byte < 0x80 ? byte : 0xFFFD);
}

// The table the byte maps through: upper or lower case of the ANSI code page.
using CaseOf = const std::array<unsigned char, 256> AnsiCaseTable::*;

LPSTR map_string_or_char(LPSTR lpsz, CaseOf case_of) noexcept {
    if (lpsz == nullptr) return nullptr;
    const auto bits = reinterpret_cast<std::uintptr_t>(lpsz);
    const auto& table = rasshost::posix::ansi_case_table().*case_of;
    if ((bits >> 16) == 0)  // a character in the low word, not a pointer
        return reinterpret_cast<LPSTR>(static_cast<std::uintptr_t>(table[bits & 0xFF]));
    for (char* p = lpsz; *p != '\0'; ++p) *p = static_cast<char>(table[static_cast<unsigned char>(*p)]);
    return lpsz;
}

DWORD map_buffer(LPSTR lpsz, DWORD length, CaseOf case_of) noexcept {
    if (lpsz == nullptr) return 0;
    const auto& table = rasshost::posix::ansi_case_table().*case_of;
    for (DWORD i = 0; i < length; ++i) lpsz[i] = static_cast<char>(table[static_cast<unsigned char>(lpsz[i])]);
    return length;
}

}  // namespace

extern "C" LPSTR WINAPI CharUpperA(LPSTR lpsz) { return map_string_or_char(lpsz, &AnsiCaseTable::upper); }
extern "C" LPSTR WINAPI CharLowerA(LPSTR lpsz) { return map_string_or_char(lpsz, &AnsiCaseTable::lower); }
extern "C" DWORD WINAPI CharUpperBuffA(LPSTR lpsz, DWORD cchLength) { return map_buffer(lpsz, cchLength, &AnsiCaseTable::upper); }
extern "C" DWORD WINAPI CharLowerBuffA(LPSTR lpsz, DWORD cchLength) { return map_buffer(lpsz, cchLength, &AnsiCaseTable::lower); }

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
