// Value data in .reg syntax (reg_value_text.hpp).
#include "posix/win32/registry/reg_value_text.hpp"

#include "posix/win32/registry/reg_file_parser.hpp"
#include "posix/win32/registry/reg_file_text.hpp"
#include "posix/win32/registry/value_form.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <cstring>
#include <cwchar>

namespace rasshost::posix::registry {
namespace {

int hex_digit(wchar_t c) noexcept {
    if (c >= L'0' && c <= L'9') return c - L'0';
    if (c >= L'a' && c <= L'f') return c - L'a' + 10;
    if (c >= L'A' && c <= L'F') return c - L'A' + 10;
    return -1;
}

// 1..max_digits hex digits as a number; false if anything else.
bool parse_hex_number(std::wstring_view text, std::size_t max_digits, unsigned long& value) {
    if (text.empty() || text.size() > max_digits) return false;
    value = 0;
    for (const wchar_t c : text) {
        const int digit = hex_digit(c);
        if (digit < 0) return false;
        value = value * 16 + static_cast<unsigned long>(digit);
    }
    return true;
}

std::wstring_view trim_blanks(std::wstring_view text) {
    while (!text.empty() && (text.front() == L' ' || text.front() == L'\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == L' ' || text.back() == L'\t')) text.remove_suffix(1);
    return text;
}

bool parse_byte_list(std::wstring_view text, std::vector<BYTE>& data, std::string& problem) {
    text = trim_blanks(text);
    if (text.empty()) return true;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(L',', start);
        if (comma == std::wstring_view::npos) comma = text.size();
        unsigned long byte = 0;
        const auto item = trim_blanks(text.substr(start, comma - start));
        // regedit ends a list with a comma before a continuation: allow one at the end.
        if (item.empty() && comma == text.size() && start > 0) break;
        if (!parse_hex_number(item, 2, byte)) {
            problem = "bad hex byte list (two hex digits, comma separated)";
            return false;
        }
        if (data.size() >= max_reg_value_bytes) {
            problem = "value longer than 1 MiB";
            return false;
        }
        data.push_back(static_cast<BYTE>(byte));
        start = comma + 1;
    }
    return true;
}

// Strings in hex form are kept as wide text, whatever the file wrote them in.
std::vector<BYTE> stored_string(const std::vector<BYTE>& file_bytes, int version) {
    const std::string_view bytes(reinterpret_cast<const char*>(file_bytes.data()), file_bytes.size());
    const std::wstring text = version == 5 ? from_utf16le(bytes) : ansi_to_wide(bytes);
    const auto* raw = reinterpret_cast<const BYTE*>(text.data());
    return std::vector<BYTE>(raw, raw + text.size() * sizeof(wchar_t));
}

std::vector<BYTE> file_string(const std::vector<BYTE>& stored, int version) {
    const std::wstring_view text(reinterpret_cast<const wchar_t*>(stored.data()), stored.size() / sizeof(wchar_t));
    const std::string bytes = version == 5 ? to_utf16le(text) : wide_to_ansi(text);
    return std::vector<BYTE>(bytes.begin(), bytes.end());
}

}  // namespace

std::vector<BYTE> string_value_bytes(std::wstring_view text) {
    std::wstring with_nul(text);
    with_nul += L'\0';
    const auto* raw = reinterpret_cast<const BYTE*>(with_nul.data());
    return std::vector<BYTE>(raw, raw + with_nul.size() * sizeof(wchar_t));
}

bool parse_typed_data(std::wstring_view text, int version, DWORD& type, std::vector<BYTE>& data,
                      std::string& problem) {
    unsigned long number = 0;
    if (text.starts_with(L"dword:")) {
        if (!parse_hex_number(trim_blanks(text.substr(6)), 8, number)) {
            problem = "dword: needs 1 to 8 hex digits";
            return false;
        }
        type = REG_DWORD;
        const auto dword = static_cast<DWORD>(number);
        data.assign(reinterpret_cast<const BYTE*>(&dword), reinterpret_cast<const BYTE*>(&dword) + 4);
        return true;
    }
    type = REG_BINARY;
    if (text.starts_with(L"hex(")) {
        const auto close = text.find(L')');
        if (close == std::wstring_view::npos || !parse_hex_number(text.substr(4, close - 4), 8, number)) {
            problem = "hex(N): needs a hex type number";
            return false;
        }
        type = static_cast<DWORD>(number);
        text.remove_prefix(close + 1);
    } else if (text.starts_with(L"hex")) {
        text.remove_prefix(3);
    } else {
        problem = "unknown value data (a \"string\", -, dword:, hex: or hex(N):)";
        return false;
    }
    if (text.empty() || text.front() != L':') {
        problem = "expected : after hex";
        return false;
    }
    if (!parse_byte_list(text.substr(1), data, problem)) return false;
    if (is_string(type)) data = stored_string(data, version);
    return true;
}

std::wstring quote(std::wstring_view text) {
    std::wstring out = L"\"";
    for (const wchar_t c : text) {
        if (c == L'\\' || c == L'"') out += L'\\';
        out += c;
    }
    return out + L"\"";
}

std::wstring format_value_data(DWORD type, const std::vector<BYTE>& data, int version, std::size_t column) {
    const std::wstring_view text(reinterpret_cast<const wchar_t*>(data.data()), data.size() / sizeof(wchar_t));
    // "text" only for a REG_SZ that reads back the same: one final NUL, no
    // other NUL and no line break; anything else goes in hex.
    if (type == REG_SZ && data.size() % sizeof(wchar_t) == 0 && !text.empty() && text.back() == L'\0' &&
        text.substr(0, text.size() - 1).find_first_of(std::wstring_view(L"\0\r\n", 3)) == std::wstring_view::npos)
        return quote(text.substr(0, text.size() - 1));
    if (type == REG_DWORD && data.size() == 4) {
        DWORD value = 0;
        std::memcpy(&value, data.data(), 4);
        wchar_t digits[16];
        std::swprintf(digits, 16, L"dword:%08x", static_cast<unsigned>(value));
        return digits;
    }
    std::wstring out = L"hex";
    if (type != REG_BINARY) {
        wchar_t number[16];
        std::swprintf(number, 16, L"(%x)", static_cast<unsigned>(type));
        out += number;
    }
    out += L':';
    const std::vector<BYTE> bytes = is_string(type) ? file_string(data, version) : data;
    column += out.size();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        wchar_t item[4];
        std::swprintf(item, 4, L"%02x", static_cast<unsigned>(bytes[i]));
        out += item;
        column += 2;
        if (i + 1 == bytes.size()) break;
        out += L',';
        ++column;
        if (column > 76) {  // regedit wraps its hex lists before column 80
            out += L"\\\r\n  ";
            column = 2;
        }
    }
    return out;
}

}  // namespace rasshost::posix::registry
