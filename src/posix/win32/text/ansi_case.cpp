// The case tables are built from the Unicode case rules and the code page
// tables, one per supported ANSI code page, all at the first use (a static
// local: thread-safe), so a read is the code page's atomic load and an
// array index, whatever set_ansi_code_page chose since.
#include "posix/win32/text/ansi_case.hpp"

#include "posix/win32/text/ansi_code_page.hpp"
#include "posix/win32/text/code_page_tables.hpp"
#include "posix/win32/text/conversion.hpp"
#include "posix/win32/text/unicode_case.hpp"

#include <cstdint>

namespace rasshost::posix {
namespace {

// The byte of map(byte's character) in code page `page`, or the byte when
// the code page lacks it. For UTF-8 (no page) only ASCII bytes are
// characters of their own.
template <typename Map>
unsigned char map_byte(const text::SingleByteCodePage* page, unsigned char byte, Map map) noexcept {
    if (page == nullptr) {
        const char32_t mapped = byte < 0x80 ? map(char32_t{byte}) : char32_t{byte};
        return mapped < 0x80 ? static_cast<unsigned char>(mapped) : byte;
    }
    const char32_t mapped = map(char32_t{page->to_unicode[byte]});
    const std::uint8_t out = mapped < 0x10000 ? page->from_unicode[mapped] : 0;
    return out != 0 ? out : byte;  // 0: the other case is not in the code page
}

AnsiCaseTable build(unsigned code_page) noexcept {
    const text::SingleByteCodePage* page = text::single_byte_code_page(code_page);
    AnsiCaseTable table{};
    for (unsigned b = 0; b < 256; ++b) {
        table.upper[b] = map_byte(page, static_cast<unsigned char>(b), text::to_upper);
        table.lower[b] = map_byte(page, static_cast<unsigned char>(b), text::to_lower);
    }
    return table;
}

struct Tables {
    AnsiCaseTable cp1252 = build(1252);
    AnsiCaseTable cp437 = build(437);
    AnsiCaseTable utf8 = build(text::utf8_code_page);
};

}  // namespace

const AnsiCaseTable& ansi_case_table() noexcept {
    static const Tables tables;
    switch (ansi_code_page()) {
    case 1252: return tables.cp1252;
    case 437: return tables.cp437;
    default: return tables.utf8;  // set_ansi_code_page accepts no other
    }
}

unsigned char ansi_upper(unsigned char c) noexcept { return ansi_case_table().upper[c]; }

std::string ansi_upper(std::string_view text) {
    std::string upper(text);
    ansi_upper_in_place(upper);
    return upper;
}

void ansi_upper_in_place(std::string& text) noexcept { ansi_upper_in_place(text.data(), text.size()); }

void ansi_upper_in_place(char* text, std::size_t length) noexcept {
    const unsigned char* const t = ansi_case_table().upper.data();  // read once: the stores below may not alias it
    for (std::size_t i = 0; i < length; ++i) text[i] = static_cast<char>(t[static_cast<unsigned char>(text[i])]);
}

bool ansi_equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    const auto& t = ansi_case_table().upper;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (t[static_cast<unsigned char>(a[i])] != t[static_cast<unsigned char>(b[i])]) return false;
    return true;
}

}  // namespace rasshost::posix
