#include "posix/win32/text/unicode.hpp"

#include <cstdint>

namespace rasshost::posix::text {
namespace {

struct Lead {
    int extra;  // continuation bytes, -1 for a byte that cannot start one
    unsigned char second_low, second_high;
};

constexpr Lead lead_of(unsigned char b) noexcept {
    if (b >= 0xC2 && b <= 0xDF) return {1, 0x80, 0xBF};
    if (b == 0xE0) return {2, 0xA0, 0xBF};
    if (b == 0xED) return {2, 0x80, 0x9F};  // no surrogates
    if (b >= 0xE1 && b <= 0xEF) return {2, 0x80, 0xBF};
    if (b == 0xF0) return {3, 0x90, 0xBF};
    if (b >= 0xF1 && b <= 0xF3) return {3, 0x80, 0xBF};
    if (b == 0xF4) return {3, 0x80, 0x8F};  // nothing beyond U+10FFFF
    return {-1, 0, 0};
}

constexpr std::string_view base64_digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) noexcept {
    const auto at = base64_digits.find(c);
    return at == std::string_view::npos || c == '\0' ? -1 : static_cast<int>(at);
}

bool utf7_direct(char32_t c) noexcept {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' ||
           std::u32string_view(U"'(),-./:?").find(c) != std::u32string_view::npos;
}

// Appends UTF-16 units of `c` to a bit accumulator, flushing six at a time.
struct Base64Writer {
    std::string& out;
    std::uint32_t bits = 0;
    int count = 0;
    void unit(char16_t u) {
        bits = (bits << 16) | u;
        count += 16;
        while (count >= 6) out += base64_digits[(bits >> (count -= 6)) & 0x3F];
    }
    void code_point(char32_t c) {
        if (c < 0x10000) return unit(static_cast<char16_t>(c));
        c -= 0x10000;
        unit(static_cast<char16_t>(0xD800 + (c >> 10)));
        unit(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    }
    void finish() {
        if (count > 0) out += base64_digits[(bits << (6 - count)) & 0x3F];
        count = 0;
    }
};

}  // namespace

char32_t decode_utf8(std::string_view utf8, std::size_t& at, bool& malformed) noexcept {
    const auto lead = static_cast<unsigned char>(utf8[at++]);
    if (lead < 0x80) return lead;
    const Lead shape = lead_of(lead);
    if (shape.extra < 0) {
        malformed = true;
        return replacement_character;
    }
    char32_t c = lead & (0x3F >> shape.extra);
    for (int i = 0; i < shape.extra; ++i, ++at) {
        const auto b = at < utf8.size() ? static_cast<unsigned char>(utf8[at]) : 0u;
        const unsigned char low = i == 0 ? shape.second_low : 0x80, high = i == 0 ? shape.second_high : 0xBF;
        if (at >= utf8.size() || b < low || b > high) {
            malformed = true;  // the valid prefix read so far is the subpart
            return replacement_character;
        }
        c = (c << 6) | (b & 0x3F);
    }
    return c;
}

char32_t decode_wide(std::wstring_view wide, std::size_t& at, bool& malformed) noexcept {
    const auto c = static_cast<char32_t>(wide[at++]);
    if (c >= 0xD800 && c <= 0xDBFF && at < wide.size()) {
        const auto low = static_cast<char32_t>(wide[at]);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            ++at;
            return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        }
    }
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        malformed = true;
        return replacement_character;
    }
    return c;
}

std::u32string decode_utf7(std::string_view utf7) {
    std::u32string out;
    for (std::size_t at = 0; at < utf7.size();) {
        const char c = utf7[at++];
        if (c != '+') {
            out += static_cast<char32_t>(static_cast<unsigned char>(c));
            continue;
        }
        if (at < utf7.size() && utf7[at] == '-') {
            out += U'+';
            ++at;
            continue;
        }
        std::uint32_t bits = 0;
        int count = 0;
        char16_t high = 0;
        for (int v; at < utf7.size() && (v = base64_value(utf7[at])) >= 0; ++at) {
            bits = (bits << 6) | static_cast<std::uint32_t>(v);
            if ((count += 6) < 16) continue;
            const auto unit = static_cast<char16_t>(bits >> (count -= 16));
            if (unit >= 0xD800 && unit <= 0xDBFF) high = unit;
            else if (unit >= 0xDC00 && unit <= 0xDFFF && high != 0)
                out += 0x10000 + ((char32_t{high} - 0xD800) << 10) + (unit - 0xDC00), high = 0;
            else out += unit;
        }
        if (at < utf7.size() && utf7[at] == '-') ++at;
    }
    return out;
}

std::string encode_utf7(std::u32string_view text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const char32_t c = text[at];
        if (c == U'+') {
            out += "+-";
            ++at;
        } else if (utf7_direct(c)) {
            out += static_cast<char>(c);
            ++at;
        } else {
            out += '+';
            Base64Writer run{out};
            for (; at < text.size() && !utf7_direct(text[at]) && text[at] != U'+'; ++at) run.code_point(text[at]);
            run.finish();
            out += '-';  // Windows closes every run, needed or not
        }
    }
    return out;
}

}  // namespace rasshost::posix::text
