#include "posix/win32/text/ansi_code_page.hpp"

#include "posix/win32/runtime/utf8.hpp"

#include <array>

namespace rasshost::posix {
namespace {

// Windows-1252 at 0x80..0x9F; every other byte is its Latin-1 code point.
constexpr std::array<char16_t, 32> cp1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

char32_t cp1252_to_unicode(unsigned char byte) noexcept {
    if (byte >= 0x80 && byte < 0xA0) return cp1252_high[byte - 0x80];
    return byte;
}

char cp1252_from_unicode(char32_t c) noexcept {
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return static_cast<char>(c);
    for (std::size_t i = 0; i < cp1252_high.size(); ++i) {
        if (cp1252_high[i] == c) return static_cast<char>(0x80 + i);
    }
    return '?';
}

// One code point from UTF-8 at `at`, advancing it; malformed input yields
// U+FFFD for one byte, so decoding always moves on.
char32_t next_utf8(std::string_view utf8, std::size_t& at) noexcept {
    const auto lead = static_cast<unsigned char>(utf8[at++]);
    if (lead < 0x80) return lead;
    int extra = lead >= 0xF0 && lead < 0xF5 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : -1;
    if (extra < 0 || lead >= 0xF5) return 0xFFFD;
    char32_t c = lead & (0x3F >> extra);
    std::size_t pos = at;
    for (int i = 0; i < extra; ++i, ++pos) {
        if (pos >= utf8.size() || (static_cast<unsigned char>(utf8[pos]) & 0xC0) != 0x80) return 0xFFFD;
        c = (c << 6) | (static_cast<unsigned char>(utf8[pos]) & 0x3F);
    }
    const char32_t smallest[] = {0, 0x80, 0x800, 0x10000};
    if (c < smallest[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0xFFFD;
    at = pos;
    return c;
}

}  // namespace

unsigned ansi_code_page() noexcept { return 1252; }

std::wstring ansi_to_wide(std::string_view ansi) {
    std::wstring wide;
    wide.reserve(ansi.size());
    for (const char byte : ansi) wide += static_cast<wchar_t>(cp1252_to_unicode(static_cast<unsigned char>(byte)));
    return wide;
}

std::string wide_to_ansi(std::wstring_view wide) {
    std::string ansi;
    ansi.reserve(wide.size());
    for (const wchar_t c : wide) ansi += cp1252_from_unicode(static_cast<char32_t>(c));
    return ansi;
}

std::string ansi_to_utf8(std::string_view ansi) {
    std::string utf8;
    utf8.reserve(ansi.size());
    for (const char byte : ansi) append_utf8(utf8, cp1252_to_unicode(static_cast<unsigned char>(byte)));
    return utf8;
}

std::string utf8_to_ansi(std::string_view utf8) {
    std::string ansi;
    ansi.reserve(utf8.size());
    for (std::size_t at = 0; at < utf8.size();) ansi += cp1252_from_unicode(next_utf8(utf8, at));
    return ansi;
}

}  // namespace rasshost::posix
