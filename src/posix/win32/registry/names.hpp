// The names the A and W registry calls pass, as the tree's wide text.
#pragma once

#include <rasshost/win32.h>

#include <string>
#include <string_view>

namespace rasshost::posix::registry {

// An A call's name as wide text (NULL is the empty name), through the ANSI
// code page (docs/decisions.md#ansi-code-page).
std::wstring wide_name(LPCSTR name);
// A W call's name (NULL is the empty name).
std::wstring wide_name(LPCWSTR name);

// Where a value's lookup key (key_tree.hpp) is built: on the caller's stack
// for a short ASCII name, so a read allocates nothing for the names DLLs use.
struct FoldedName {
    FoldedName() = default;
    FoldedName(const FoldedName&) = delete;  // data may point into itself
    FoldedName& operator=(const FoldedName&) = delete;
    std::string_view view() const noexcept { return {data, size}; }
    char small[128];
    std::string large;
    const char* data = small;
    std::size_t size = 0;
};

// The lookup key of a value name. An ASCII name reads the same in every
// ANSI code page and is folded without converting.
void fold_value_name(LPCSTR name, FoldedName& out);
void fold_value_name(LPCWSTR name, FoldedName& out);

}  // namespace rasshost::posix::registry
