// The ANSI case folding of file names and INI keys (ansi_upper) and
// CharUpperA come from the same case rules, so they agree byte for byte in
// every supported ANSI code page.
#include <doctest/doctest.h>

#include <rasshost/code_page.hpp>
#include <rasshost/win32.h>

#include <array>
#include <cstdint>

#include "posix/win32/text/ansi_case.hpp"

using rasshost::posix::ansi_upper;

namespace {

// Restores Windows-1252 when a case ends, whatever it chose.
struct CodePage {
    explicit CodePage(unsigned id) { REQUIRE(rasshost::set_ansi_code_page(id)); }
    ~CodePage() { rasshost::set_ansi_code_page(1252); }
    CodePage(const CodePage&) = delete;
    CodePage& operator=(const CodePage&) = delete;
};

unsigned char char_upper(unsigned char byte) {
    auto c = static_cast<char>(byte);
    CharUpperBuffA(&c, 1);
    return static_cast<unsigned char>(c);
}

void check_agrees_with_char_upper() {
    for (unsigned b = 0; b < 256; ++b) {
        CAPTURE(b);
        const auto byte = static_cast<unsigned char>(b);
        CHECK(ansi_upper(byte) == char_upper(byte));
        const auto single = reinterpret_cast<std::uintptr_t>(CharUpperA(reinterpret_cast<LPSTR>(std::uintptr_t{byte})));
        CHECK(single == std::uintptr_t{ansi_upper(byte)});
    }
}

// The table written out by hand for 1252 before the case rules were shared:
// ASCII, the Latin-1 pairs 0xE0-0xFE but the division sign, and Š Œ Ž Ÿ.
std::array<unsigned char, 256> hand_written_1252() {
    std::array<unsigned char, 256> table{};
    for (unsigned c = 0; c < 256; ++c) table[c] = static_cast<unsigned char>(c);
    for (unsigned c = 'a'; c <= 'z'; ++c) table[c] = static_cast<unsigned char>(c - 32);
    for (unsigned c = 0xE0; c <= 0xFE; ++c)
        if (c != 0xF7) table[c] = static_cast<unsigned char>(c - 32);
    table[0x9A] = 0x8A;
    table[0x9C] = 0x8C;
    table[0x9E] = 0x8E;
    table[0xFF] = 0x9F;
    return table;
}

}  // namespace

TEST_CASE("code page 1252: ansi_upper is CharUpperA and the former hand-written table, byte for byte") {
    CodePage page(1252);
    check_agrees_with_char_upper();
    const auto expected = hand_written_1252();
    for (unsigned b = 0; b < 256; ++b) {
        CAPTURE(b);
        CHECK(ansi_upper(static_cast<unsigned char>(b)) == expected[b]);
    }
}

TEST_CASE("code page 437: ansi_upper is CharUpperA, its accented and Greek letters folded") {
    CodePage page(437);
    check_agrees_with_char_upper();
    CHECK(ansi_upper(0x87) == 0x80);  // ç Ç
    CHECK(ansi_upper(0x81) == 0x9A);  // ü Ü
    CHECK(ansi_upper(0x82) == 0x90);  // é É
    CHECK(ansi_upper(0xE5) == 0xE4);  // σ Σ
    CHECK(ansi_upper(0xE3) == 0xE3);  // π: 437 has no Π
    CHECK(ansi_upper(0xE1) == 0xE1);  // ß has no upper case
}

TEST_CASE("UTF-8: ansi_upper is CharUpperA, ASCII letters only") {
    CodePage page(65001);
    check_agrees_with_char_upper();
    CHECK(ansi_upper('q') == 'Q');
    for (unsigned b = 0x80; b < 256; ++b) {
        const auto byte = static_cast<unsigned char>(b);
        CHECK(ansi_upper(byte) == byte);
    }
}

TEST_CASE("the table follows the code page when it changes") {
    {
        CodePage page(437);
        CHECK(ansi_upper(0x87) == 0x80);
    }
    CHECK(ansi_upper(0x87) == 0x87);  // 1252's ‡ is no letter
    CHECK(ansi_upper(0xE9) == 0xC9);
}
