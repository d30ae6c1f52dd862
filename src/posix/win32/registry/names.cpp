// Registry names from the A and W calls (names.hpp).
#include "posix/win32/registry/names.hpp"

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <iterator>

namespace rasshost::posix::registry {
std::wstring wide_name(LPCSTR name) { return name ? ansi_to_wide(name) : std::wstring(); }

std::wstring wide_name(LPCWSTR name) { return name ? std::wstring(name) : std::wstring(); }

void fold_value_name(LPCSTR name, FoldedName& out) {
    std::size_t length = 0;
    for (; name && name[length] != '\0'; ++length) {
        const char c = name[length];
        if (length == std::size(out.small) || static_cast<unsigned char>(c) >= 0x80) {
            out.large = lookup_key(ansi_to_wide(name));
            out.data = out.large.data();
            out.size = out.large.size();
            return;
        }
        out.small[length] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 0x20) : c;
    }
    out.data = out.small;
    out.size = length;
}

void fold_value_name(LPCWSTR name, FoldedName& out) {
    out.large = lookup_key(name ? std::wstring_view(name) : std::wstring_view());
    out.data = out.large.data();
    out.size = out.large.size();
}

}  // namespace rasshost::posix::registry
