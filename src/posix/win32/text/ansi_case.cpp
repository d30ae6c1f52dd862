#include "posix/win32/text/ansi_case.hpp"

#include "posix/win32/text/ansi_code_page.hpp"

#include <array>

namespace rasshost::posix {
namespace {

// Built once per code page: 1252's letters beyond ASCII are the Latin-1
// pairs 0xE0-0xFE (but the division sign) and Š Œ Ž Ÿ; other code pages
// fold ASCII only.
std::array<unsigned char, 256> make_table(bool cp1252) {
    std::array<unsigned char, 256> table{};
    for (unsigned c = 0; c < 256; ++c) table[c] = static_cast<unsigned char>(c);
    for (unsigned c = 'a'; c <= 'z'; ++c) table[c] = static_cast<unsigned char>(c - 32);
    if (!cp1252) return table;
    for (unsigned c = 0xE0; c <= 0xFE; ++c)
        if (c != 0xF7) table[c] = static_cast<unsigned char>(c - 32);
    table[0x9A] = 0x8A;
    table[0x9C] = 0x8C;
    table[0x9E] = 0x8E;
    table[0xFF] = 0x9F;
    return table;
}

const std::array<unsigned char, 256>& table() {
    static const auto ascii = make_table(false);
    static const auto cp1252 = make_table(true);
    return ansi_code_page() == 1252 ? cp1252 : ascii;
}

}  // namespace

unsigned char ansi_upper(unsigned char c) noexcept { return table()[c]; }

std::string ansi_upper(std::string_view text) {
    std::string upper(text);
    ansi_upper_in_place(upper);
    return upper;
}

void ansi_upper_in_place(std::string& text) noexcept { ansi_upper_in_place(text.data(), text.size()); }

void ansi_upper_in_place(char* text, std::size_t length) noexcept {
    const unsigned char* const t = table().data();  // read once: the stores below may not alias it
    for (std::size_t i = 0; i < length; ++i) text[i] = static_cast<char>(t[static_cast<unsigned char>(text[i])]);
}

bool ansi_equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    const auto& t = table();
    for (std::size_t i = 0; i < a.size(); ++i)
        if (t[static_cast<unsigned char>(a[i])] != t[static_cast<unsigned char>(b[i])]) return false;
    return true;
}

}  // namespace rasshost::posix
