// Letter case of ANSI text as Windows ignores it in file names and INI
// sections and keys: ASCII letters, and in code page 1252 also its accented
// Latin letters (the pairs Windows' upper-case table has for them).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rasshost::posix {

// The upper-case form of one ANSI byte.
unsigned char ansi_upper(unsigned char c) noexcept;

// The text with every letter in upper case.
std::string ansi_upper(std::string_view text);

// The same in place (one look-up of the code page for the whole text).
void ansi_upper_in_place(std::string& text) noexcept;
void ansi_upper_in_place(char* text, std::size_t length) noexcept;

// Whether two ANSI texts are equal, letter case ignored.
bool ansi_equal_ignoring_case(std::string_view a, std::string_view b) noexcept;

}  // namespace rasshost::posix
