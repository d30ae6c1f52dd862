#include "posix/win32/runtime/utf8.hpp"

namespace rasshost::posix {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c >= 0xD800 && c <= 0xDFFF) {
        out += '?';
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c <= 0x10FFFF) {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += '?';
    }
}

std::string to_utf8(const wchar_t* wide) {
    std::string out;
    if (wide == nullptr) return out;
    for (; *wide != L'\0'; ++wide) append_utf8(out, static_cast<char32_t>(*wide));
    return out;
}

std::wstring from_utf8(std::string_view utf8) {
    std::wstring out;
    out.reserve(utf8.size());
    std::size_t at = 0;
    while (at < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[at]);
        const int extra = lead < 0x80 ? 0 : lead >= 0xF0 && lead < 0xF5 ? 3 : lead >= 0xE0 && lead < 0xF0 ? 2
                                                                   : lead >= 0xC2 && lead < 0xE0 ? 1 : -1;
        char32_t c = extra <= 0 ? lead : lead & (0x3Fu >> extra);
        std::size_t next = at + 1;
        for (int i = 0; extra > 0 && i < extra; ++i, ++next) {
            if (next >= utf8.size() || (static_cast<unsigned char>(utf8[next]) & 0xC0) != 0x80) {
                c = 0xFFFD;
                break;
            }
            c = (c << 6) | (static_cast<unsigned char>(utf8[next]) & 0x3Fu);
        }
        constexpr char32_t smallest[] = {0, 0x80, 0x800, 0x10000};
        if (extra < 0 || c == 0xFFFD || (extra > 0 && (c < smallest[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)))) {
            out += static_cast<wchar_t>(0xFFFD);
            ++at;
            continue;
        }
        out += static_cast<wchar_t>(c);
        at = next;
    }
    return out;
}

}  // namespace rasshost::posix
