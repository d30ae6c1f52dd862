// Letter case in Unicode for the letters the supported code pages hold:
// ASCII, Latin-1, 1252's extra Latin letters and 437's Greek. The one set
// of case rules: CharUpperA and friends and the ANSI case tables
// (ansi_case.hpp) both read it, so they never disagree.
#pragma once

namespace rasshost::posix::text {

// The other case of a letter, or the character itself.
char32_t to_upper(char32_t c) noexcept;
char32_t to_lower(char32_t c) noexcept;

// IsCharUpperA / IsCharLowerA's answers: a lower-case letter may have no
// upper case here (ß, µ, ƒ, final sigma).
bool is_upper(char32_t c) noexcept;
bool is_lower(char32_t c) noexcept;

}  // namespace rasshost::posix::text
