// Copies of the few bytes a setting's name or value holds. memcpy of a
// length known only at run time is a call into the C library and a few
// branches there; up to 32 bytes, two overlapping moves of a fixed size
// do the same inline. Settings reads spend a fair part of their time here.
#pragma once

#include <cstddef>
#include <cstring>

namespace rasshost::posix {

inline void copy_short(void* to, const void* from, std::size_t n) noexcept {
    auto* out = static_cast<unsigned char*>(to);
    const auto* in = static_cast<const unsigned char*>(from);
    if (n > 0 && n < 4) {
        out[0] = in[0];
        out[n / 2] = in[n / 2];
        out[n - 1] = in[n - 1];
    } else if (n >= 4 && n < 8) {
        std::memcpy(out, in, 4);
        std::memcpy(out + n - 4, in + n - 4, 4);
    } else if (n >= 8 && n <= 16) {
        std::memcpy(out, in, 8);
        std::memcpy(out + n - 8, in + n - 8, 8);
    } else if (n > 16 && n <= 32) {
        std::memcpy(out, in, 16);
        std::memcpy(out + n - 16, in + n - 16, 16);
    } else if (n > 32) {
        std::memcpy(out, in, n);
    }
}

}  // namespace rasshost::posix
