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

void fold_value_name(LPCSTR name, FoldedName& out) {
    const std::string_view text = name ? std::string_view(name) : std::string_view();
    if (text.size() <= sizeof out.small) {
        if (const auto hash = fold_ascii_words(text, out.small)) {
            out.words = out.small;
            out.size = text.size();
            out.hash = *hash;
            return;
        }
    }
    out.large = word_key(lookup_key(ansi_to_wide(text)));  // not ASCII: the code page decides
    use_large(out);
}

void fold_value_name(LPCWSTR name, FoldedName& out) {
    out.large = word_key(lookup_key(name ? std::wstring_view(name) : std::wstring_view()));
    use_large(out);
}

}  // namespace rasshost::posix::registry
