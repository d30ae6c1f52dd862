// Registry names from the A and W calls (names.hpp).
#include "posix/win32/registry/names.hpp"

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <cstring>

namespace rasshost::posix::registry {
namespace {

thread_local std::wstring scratch;

bool is_ascii(const char* text, std::size_t length) noexcept {
    for (std::size_t i = 0; i < length; ++i)
        if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
    return true;
}

}  // namespace

std::wstring wide_name(LPCSTR name) { return name ? ansi_to_wide(name) : std::wstring(); }

std::wstring wide_name(LPCWSTR name) { return name ? std::wstring(name) : std::wstring(); }

const std::wstring& folded_value_name(LPCSTR name) {
    const std::size_t length = name ? std::strlen(name) : 0;
    if (!is_ascii(name, length)) {
        fold_into(scratch, ansi_to_wide(std::string_view(name, length)));
        return scratch;
    }
    scratch.resize(length);
    for (std::size_t i = 0; i < length; ++i) {
        const char c = name[i];
        scratch[i] = static_cast<wchar_t>(c >= 'a' && c <= 'z' ? c - 0x20 : c);
    }
    return scratch;
}

const std::wstring& folded_value_name(LPCWSTR name) {
    fold_into(scratch, name ? std::wstring_view(name) : std::wstring_view());
    return scratch;
}

}  // namespace rasshost::posix::registry
