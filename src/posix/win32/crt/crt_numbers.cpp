// _itoa, _ltoa and _ultoa: Windows' long is 32 bits, so the value printed
// is its low 32 bits, negative only in radix 10 (docs/decisions.md#crt-extensions).
#include <rasshost/compat/stdlib.h>

#include <cerrno>
#include <cstdint>

namespace {

char* to_text(std::uint32_t bits, bool negative, char* buffer, int radix) noexcept {
    if (buffer == nullptr) {
        errno = EINVAL;
        return nullptr;
    }
    if (radix < 2 || radix > 36) {
        buffer[0] = '\0';
        errno = EINVAL;
        return buffer;
    }
    std::uint32_t magnitude = negative ? 0u - bits : bits;
    char reversed[33];
    int n = 0;
    do {
        reversed[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[magnitude % static_cast<unsigned>(radix)];
        magnitude /= static_cast<unsigned>(radix);
    } while (magnitude != 0);
    char* out = buffer;
    if (negative) *out++ = '-';
    while (n > 0) *out++ = reversed[--n];
    *out = '\0';
    return buffer;
}

char* signed_text(std::int64_t value, char* buffer, int radix) noexcept {
    const auto low = static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return to_text(static_cast<std::uint32_t>(low), radix == 10 && low < 0, buffer, radix);
}

}  // namespace

extern "C" char* _itoa(int value, char* buffer, int radix) { return signed_text(value, buffer, radix); }
extern "C" char* _ltoa(long value, char* buffer, int radix) { return signed_text(value, buffer, radix); }
extern "C" char* _ultoa(unsigned long value, char* buffer, int radix) {
    return to_text(static_cast<std::uint32_t>(value), false, buffer, radix);
}
