// Registry names from the A and W calls (names.hpp).
#include "posix/win32/registry/names.hpp"

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

namespace rasshost::posix::registry {
std::wstring wide_name(LPCSTR name) { return name ? ansi_to_wide(name) : std::wstring(); }

std::wstring wide_name(LPCWSTR name) { return name ? std::wstring(name) : std::wstring(); }

namespace {

void use_large(FoldedName& out) noexcept {
    out.words = out.large.words.data();
    out.size = out.large.size;
    out.hash = out.large.hash;
}

}  // namespace

void fold_value_name_slowly(std::string_view name, FoldedName& out) {
    out.large = word_key(lookup_key(ansi_to_wide(name)));
    use_large(out);
}

void fold_value_name(LPCWSTR name, FoldedName& out) {
    out.large = word_key(lookup_key(name ? std::wstring_view(name) : std::wstring_view()));
    use_large(out);
}

}  // namespace rasshost::posix::registry
