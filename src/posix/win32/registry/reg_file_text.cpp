// .reg file encodings (reg_file_text.hpp).
#include "posix/win32/registry/reg_file_text.hpp"

#include "posix/win32/runtime/utf8.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

namespace rasshost::posix::registry {

std::string to_utf16le(std::wstring_view text) {
    std::string out;
    out.reserve(text.size() * 2);
    const auto unit = [&out](unsigned value) {
        out += static_cast<char>(value & 0xFF);
        out += static_cast<char>((value >> 8) & 0xFF);
    };
    for (const wchar_t c : text) {
        const auto code = static_cast<unsigned long>(c);
        if (code > 0xFFFF && code <= 0x10FFFF) {
            unit(0xD800 + ((code - 0x10000) >> 10));
            unit(0xDC00 + ((code - 0x10000) & 0x3FF));
        } else {
            unit(code > 0xFFFF ? 0xFFFD : static_cast<unsigned>(code));
        }
    }
    return out;
}

std::wstring from_utf16le(std::string_view bytes) {
    std::wstring out;
    out.reserve(bytes.size() / 2);
    const auto unit = [&bytes](std::size_t i) {
        return static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) |
               (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8);
    };
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        const unsigned high = unit(i);
        if constexpr (sizeof(wchar_t) >= 4) {
            if (high >= 0xD800 && high < 0xDC00 && i + 3 < bytes.size()) {
                const unsigned low = unit(i + 2);
                if (low >= 0xDC00 && low < 0xE000) {
                    out += static_cast<wchar_t>(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
                    i += 2;
                    continue;
                }
            }
        }
        out += static_cast<wchar_t>(high);
    }
    return out;
}

std::optional<std::wstring> decode_reg_file(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE")) {
        if (bytes.size() % 2 != 0) return std::nullopt;
        return from_utf16le(bytes.substr(2));
    }
    if (bytes.starts_with("\xFE\xFF")) return std::nullopt;  // regedit never writes UTF-16BE
    if (bytes.starts_with("\xEF\xBB\xBF")) return from_utf8(bytes.substr(3));
    if (bytes.starts_with("REGEDIT4")) return ansi_to_wide(bytes);
    return from_utf8(bytes);
}

}  // namespace rasshost::posix::registry
