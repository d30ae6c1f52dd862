// The single-byte code pages the emulation knows (Windows-1252, the ANSI
// code page of Western Windows, and 437, the OEM code page of the US
// console), each built once and shared by every converter.
#pragma once

#include <array>
#include <cstdint>

namespace rasshost::posix::text {

struct SingleByteCodePage {
    unsigned id = 0;
    std::array<char16_t, 256> to_unicode{};
    // The byte for each BMP character; 0 means "not in the code page"
    // except for U+0000 itself.
    std::array<std::uint8_t, 0x10000> from_unicode{};
};

// The table of code page `id`, or nullptr for one that is not single-byte
// or not known.
const SingleByteCodePage* single_byte_code_page(unsigned id) noexcept;

}  // namespace rasshost::posix::text
