// Insert specs as printf reads them, with Windows' sizes: no prefix and 'l'
// are 32 bits, 'h' 16, 'll' and I64 64, I pointer-sized; the value is read
// pointer-sized and cut to that size. Numbers go through snprintf with a
// format rebuilt from the parsed parts only, never the caller's text.
#include "posix/win32/messages/message_spec.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <string>

#include "posix/win32/text/ansi_code_page.hpp"

namespace rasshost::posix::messages {
namespace {

constexpr int max_field = 65535;  // larger widths would only exhaust the output limit

enum class Size { normal, narrow, wide, bits64, pointer };

struct Spec {
    std::string flags;
    int width = -1, precision = -1;
    bool width_from_argument = false, precision_from_argument = false;
    Size size = Size::normal;
    wchar_t type = 0;
};

int read_number(std::wstring_view text, std::size_t& at) noexcept {
    int value = 0;
    for (; at < text.size() && text[at] >= L'0' && text[at] <= L'9'; ++at)
        value = value * 10 + (text[at] - L'0') > max_field ? max_field : value * 10 + (text[at] - L'0');
    return value;
}

Size read_size(std::wstring_view text, std::size_t& at) noexcept {
    const std::wstring_view rest = text.substr(at);
    if (rest.substr(0, 2) == L"ll" || rest.substr(0, 3) == L"I64") return at += rest[0] == L'l' ? 2 : 3, Size::bits64;
    if (rest.substr(0, 3) == L"I32") return at += 3, Size::normal;
    if (!rest.empty() && rest[0] == L'I') return ++at, Size::pointer;
    if (!rest.empty() && (rest[0] == L'l' || rest[0] == L'w')) return ++at, Size::wide;
    if (!rest.empty() && rest[0] == L'h') return ++at, Size::narrow;
    return Size::normal;
}

bool parse(std::wstring_view text, Spec& spec) {
    if (text.size() > 32) return false;
    std::size_t at = 0;
    for (; at < text.size() && std::wstring_view(L"-+ #0").find(text[at]) != std::wstring_view::npos; ++at)
        spec.flags += static_cast<char>(text[at]);
    if (at < text.size() && text[at] == L'*') spec.width_from_argument = true, ++at;
    else if (at < text.size() && text[at] >= L'0' && text[at] <= L'9') spec.width = read_number(text, at);
    if (at < text.size() && text[at] == L'.') {
        ++at;
        if (at < text.size() && text[at] == L'*') spec.precision_from_argument = true, ++at;
        else spec.precision = read_number(text, at);
    }
    spec.size = read_size(text, at);
    if (at + 1 != text.size()) return false;
    spec.type = text[at];
    return std::wstring_view(L"diuxXocCsSp").find(spec.type) != std::wstring_view::npos;
}

// The value cut to the spec's size, sign-extended for d and i.
std::uint64_t sized(std::uintptr_t value, const Spec& spec) noexcept {
    const bool is_signed = spec.type == L'd' || spec.type == L'i';
    switch (spec.size) {
    case Size::bits64:
    case Size::pointer: return value;
    case Size::narrow:
        return is_signed ? static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int16_t>(value)))
                         : static_cast<std::uint16_t>(value);
    default:
        return is_signed ? static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(value)))
                         : static_cast<std::uint32_t>(value);
    }
}

std::string number_text(std::uintptr_t value, const Spec& spec) {
    std::string format = "%" + spec.flags;
    if (spec.width >= 0) format += std::to_string(spec.width);
    if (spec.precision >= 0) format += "." + std::to_string(spec.precision);
    const bool pointer = spec.type == L'p';
    if (pointer) format = "%0" + std::to_string(2 * sizeof(void*));
    format += "ll";
    format += pointer ? 'X' : static_cast<char>(spec.type == L'i' ? L'd' : spec.type);
    const std::uint64_t bits = sized(value, spec);
    const bool is_signed = spec.type == L'd' || spec.type == L'i';
    const auto as_signed = static_cast<long long>(bits);
    const auto as_unsigned = static_cast<unsigned long long>(bits);
    const int length = is_signed ? std::snprintf(nullptr, 0, format.c_str(), as_signed)
                                 : std::snprintf(nullptr, 0, format.c_str(), as_unsigned);
    if (length < 0) return {};
    std::string text(static_cast<std::size_t>(length) + 1, '\0');
    if (is_signed) std::snprintf(text.data(), text.size(), format.c_str(), as_signed);
    else std::snprintf(text.data(), text.size(), format.c_str(), as_unsigned);
    text.pop_back();
    return text;
}

// Whether a string or character insert is wide, from the caller and spec.
bool wide_text(const Spec& spec, bool wide_caller) noexcept {
    if (spec.size == Size::wide) return true;
    if (spec.size == Size::narrow) return false;
    const bool upper = spec.type == L'S' || spec.type == L'C';
    return wide_caller != upper;
}

std::wstring text_of(std::uintptr_t value, const Spec& spec, bool wide_caller) {
    const bool wide = wide_text(spec, wide_caller);
    if (spec.type == L'c' || spec.type == L'C') {
        if (wide) return std::wstring(1, static_cast<wchar_t>(value));
        return ansi_to_wide(std::string(1, static_cast<char>(value)));
    }
    if (value == 0) return L"(null)";
    if (wide) {
        const auto* s = reinterpret_cast<const wchar_t*>(value);
        return std::wstring(s, spec.precision >= 0 ? wcsnlen(s, static_cast<std::size_t>(spec.precision)) : std::wcslen(s));
    }
    const auto* s = reinterpret_cast<const char*>(value);
    return ansi_to_wide(std::string_view(s, spec.precision >= 0 ? strnlen(s, static_cast<std::size_t>(spec.precision)) : std::strlen(s)));
}

void pad(std::wstring& out, const std::wstring& body, const Spec& spec) {
    const std::size_t width = spec.width > 0 ? static_cast<std::size_t>(spec.width) : 0;
    const std::size_t padding = width > body.size() ? width - body.size() : 0;
    const bool left = spec.flags.find('-') != std::string::npos;
    if (!left) out.append(padding, L' ');
    out += body;
    if (left) out.append(padding, L' ');
}

// A '*' width or precision: the value of insert n, which moves on to n+1.
bool take_star(int& field, unsigned& n, Arguments& arguments) noexcept {
    std::uintptr_t value = 0;
    if (!arguments.get(n++, value)) return false;
    const auto wanted = static_cast<std::int32_t>(value);
    field = wanted < 0 ? 0 : wanted > max_field ? max_field : wanted;
    return true;
}

}  // namespace

bool format_insert(std::wstring_view spec_text, unsigned n, bool wide_caller, Arguments& arguments, std::wstring& out) {
    Spec spec;
    if (!parse(spec_text, spec)) return false;
    if (spec.width_from_argument && !take_star(spec.width, n, arguments)) return false;
    if (spec.precision_from_argument && !take_star(spec.precision, n, arguments)) return false;
    std::uintptr_t value = 0;
    if (!arguments.get(n, value)) return false;
    if (std::wstring_view(L"cCsS").find(spec.type) != std::wstring_view::npos) {
        pad(out, text_of(value, spec, wide_caller), spec);
        return true;
    }
    out += ansi_to_wide(number_text(value, spec));
    return true;
}

}  // namespace rasshost::posix::messages
