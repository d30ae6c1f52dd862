// log_escape: one escaping rule for every string from a remote user or a DLL
// that reaches a log line (see the header for the rule).
#include <rasshost/log_escape.hpp>

#include <cstdint>

namespace rasshost {
namespace {

// The length of the well-formed UTF-8 sequence (RFC 3629) at the start of
// `text` and its code point; 0 when the first byte starts none.
std::size_t decode_utf8(std::string_view text, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint8_t lead = byte(0);
    std::size_t length = 0;
    char32_t value = 0;
    std::uint8_t low = 0x80, high = 0xBF;  // the second byte's range (excludes overlongs, surrogates, > U+10FFFF)
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, value = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, value = lead & 0x0Fu;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, value = lead & 0x07u;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (text.size() < length) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const std::uint8_t next = byte(i);
        if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF)) return 0;
        value = (value << 6) | (next & 0x3Fu);
    }
    code_point = value;
    return length;
}

// Characters that are well-formed but move or break text on a terminal.
bool unsafe_on_screen(char32_t c) {
    return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E ||
           c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void append_hex(std::string& out, unsigned char c) {
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[c >> 4];
    out += digits[c & 0x0F];
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string log_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
            ++i;
        } else if (char32_t code_point = 0; c >= 0x80) {
            const std::size_t length = decode_utf8(text.substr(i), code_point);
            if (length > 0 && !unsafe_on_screen(code_point)) {
                out.append(text.substr(i, length));
                i += length;
            } else {  // one byte at a time: the next may start a good sequence
                const std::size_t n = length > 0 ? length : 1;
                for (std::size_t k = 0; k < n; ++k) append_hex(out, static_cast<unsigned char>(text[i + k]));
                i += n;
            }
        } else {
            append_hex(out, c);
            ++i;
        }
    }
    return out;
}

std::optional<std::string> log_unescape(std::string_view escaped) {
    std::string out;
    out.reserve(escaped.size());
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] != '\\') {
            out += escaped[i];
            continue;
        }
        if (i + 1 < escaped.size() && (escaped[i + 1] == '\\' || escaped[i + 1] == '"')) {
            out += escaped[++i];
        } else if (i + 3 < escaped.size() && escaped[i + 1] == 'x' && hex_value(escaped[i + 2]) >= 0 &&
                   hex_value(escaped[i + 3]) >= 0) {
            out += static_cast<char>(hex_value(escaped[i + 2]) * 16 + hex_value(escaped[i + 3]));
            i += 3;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace rasshost
