// The names the A and W registry calls pass, as the tree's wide text.
#pragma once

#include <rasshost/win32.h>

#include <string>

namespace rasshost::posix::registry {

// An A call's name as wide text (NULL is the empty name), through the ANSI
// code page (docs/decisions.md#ansi-code-page).
std::wstring wide_name(LPCSTR name);
// A W call's name (NULL is the empty name).
std::wstring wide_name(LPCWSTR name);

// The folded (upper-case) wide form of a value name, in a buffer of the
// calling thread that the next call reuses: a read allocates nothing for
// an ASCII name, which reads the same in every ANSI code page.
const std::wstring& folded_value_name(LPCSTR name);
const std::wstring& folded_value_name(LPCWSTR name);

}  // namespace rasshost::posix::registry
