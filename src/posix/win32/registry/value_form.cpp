// Values in the A and W forms (value_form.hpp).
#include "posix/win32/registry/value_form.hpp"

#include "posix/win32/text/ansi_code_page.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace rasshost::posix::registry {
namespace {

std::wstring_view stored_text(const Value& value) noexcept {
    // A W caller may have stored a count that is not a whole number of
    // characters: the remainder is not text.
    return {reinterpret_cast<const wchar_t*>(value.data.data()), value.data.size() / sizeof(wchar_t)};
}

std::size_t unit_of(Form form) noexcept { return form == Form::ansi ? 1 : sizeof(wchar_t); }

}  // namespace

std::string ansi_text(const Value& value) { return wide_to_ansi(stored_text(value)); }

void data_in_form(const Value& value, Form form, std::vector<BYTE>& out) {
    if (form == Form::ansi && is_string(value.type)) {
        const std::string ansi = ansi_text(value);
        out.assign(ansi.begin(), ansi.end());
    } else {
        out.assign(value.data.begin(), value.data.end());
    }
}

std::vector<BYTE> stored_from_form(Form form, DWORD type, const BYTE* data, DWORD count) {
    if (!data) return {};
    const std::size_t unit = unit_of(form);
    if (is_string(type) && count >= unit) {
        // NT counts a terminator the caller left out if one follows in memory.
        const std::size_t last = count / unit - 1;
        const auto at = [&](std::size_t i) {
            wchar_t c = 0;
            if (form == Form::ansi) return static_cast<wchar_t>(data[i]);
            std::memcpy(&c, data + i * unit, unit);
            return c;
        };
        if (at(last) != 0 && at(last + 1) == 0) count = static_cast<DWORD>(count + unit);
    }
    if (form == Form::ansi && is_string(type)) {
        const std::wstring wide = ansi_to_wide(std::string_view(reinterpret_cast<const char*>(data), count));
        const auto* bytes = reinterpret_cast<const BYTE*>(wide.data());
        return std::vector<BYTE>(bytes, bytes + wide.size() * sizeof(wchar_t));
    }
    return std::vector<BYTE>(data, data + count);
}

LSTATUS copy_out(const BYTE* bytes, std::size_t length, DWORD type, Form form, LPBYTE data, LPDWORD count) {
    const auto size = static_cast<DWORD>(length);
    LSTATUS status = ERROR_SUCCESS;
    if (data) {
        if (size > *count) {
            status = ERROR_MORE_DATA;
        } else {
            if (size) std::memcpy(data, bytes, size);
            const std::size_t unit = unit_of(form);
            const auto unterminated = [&] {
                return size >= unit && std::any_of(bytes + size - unit, bytes + size, [](BYTE b) { return b != 0; });
            };
            if (is_string(type) && size + unit <= *count && unterminated()) std::memset(data + size, 0, unit);
        }
    }
    if (count) *count = size;
    return status;
}

}  // namespace rasshost::posix::registry
