// The names the A and W registry calls pass, as the tree's wide text.
#pragma once

#include <rasshost/win32.h>

#include "posix/win32/text/word_key.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace rasshost::posix::registry {

// An A call's name as wide text (NULL is the empty name), through the ANSI
// code page (docs/decisions.md#ansi-code-page).
std::wstring wide_name(LPCSTR name);
// A W call's name (NULL is the empty name).
std::wstring wide_name(LPCWSTR name);

// A value's lookup key as words (text/word_key.hpp), built on the caller's
// stack for a short ASCII name, so a read allocates nothing for the names
// DLLs use.
struct FoldedName {
    FoldedName() = default;
    FoldedName(const FoldedName&) = delete;  // words may point into itself
    FoldedName& operator=(const FoldedName&) = delete;
    const std::uint64_t* words = small;
    std::size_t size = 0;  // in bytes
    std::size_t hash = 0;
    std::uint64_t small[16];
    WordKey large;
};

// The lookup key of a name that is not short ASCII: through the code page.
void fold_value_name_slowly(std::string_view name, FoldedName& out);

// The lookup key of a value name. An ASCII name reads the same in every
// ANSI code page and is folded without converting, eight bytes a step;
// inline, as it is most of a read's work.
inline void fold_value_name(LPCSTR name, FoldedName& out) {
    const std::string_view text = name ? std::string_view(name) : std::string_view();
    if (text.size() <= sizeof out.small) {
        if (const auto hash = fold_ascii_words(text, out.small)) {
            out.words = out.small;
            out.size = text.size();
            out.hash = *hash;
            return;
        }
    }
    fold_value_name_slowly(text, out);
}
void fold_value_name(LPCWSTR name, FoldedName& out);

}  // namespace rasshost::posix::registry
