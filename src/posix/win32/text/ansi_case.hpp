// Letter case of ANSI text: how Windows ignores it in file names, INI
// sections and keys, and what CharUpperA / CharLowerA do to a byte. Each
// byte becomes the byte of its character's other case (unicode_case.hpp)
// when the ANSI code page holds that character, else stays as it is.
#pragma once

#include <rasshost/config.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace rasshost::posix {

// One code page's case, byte by byte.
struct AnsiCaseTable {
    std::array<unsigned char, 256> upper;
    std::array<unsigned char, 256> lower;
};

// The table of the ANSI code page in effect, built once per code page.
const AnsiCaseTable& ansi_case_table() noexcept;

// The upper-case form of one ANSI byte (exported for its unit test).
RASSHOST_API unsigned char ansi_upper(unsigned char c) noexcept;

// The text with every letter in upper case.
std::string ansi_upper(std::string_view text);

// The same in place (one look-up of the code page for the whole text).
void ansi_upper_in_place(std::string& text) noexcept;
void ansi_upper_in_place(char* text, std::size_t length) noexcept;

// Whether two ANSI texts are equal, letter case ignored.
bool ansi_equal_ignoring_case(std::string_view a, std::string_view b) noexcept;

}  // namespace rasshost::posix
