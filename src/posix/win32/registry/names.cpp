// Registry names from the A and W calls (names.hpp).
#include "posix/win32/registry/names.hpp"

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <cstring>

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
    const std::size_t length = name ? std::strlen(name) : 0;
    if (length <= sizeof out.small) {
        std::uint64_t h = hash_start(length);
        std::size_t i = 0;
        for (; i < words_for(length); ++i) {
            const std::uint64_t word = load_word(name, length, 8 * i);
            if (word & bytes_of(0x80)) break;  // not ASCII: the code page decides
            out.small[i] = ascii_upper(word);
            h = hash_step(h, out.small[i]);
        }
        if (i == words_for(length)) {
            out.words = out.small;
            out.size = length;
            out.hash = hash_finish(h);
            return;
        }
    }
    out.large = word_key(lookup_key(ansi_to_wide(name)));
    use_large(out);
}

void fold_value_name(LPCWSTR name, FoldedName& out) {
    out.large = word_key(lookup_key(name ? std::wstring_view(name) : std::wstring_view()));
    use_large(out);
}

}  // namespace rasshost::posix::registry
