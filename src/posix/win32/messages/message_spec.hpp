// One FormatMessage insert: its printf spec (the text between the '!'s)
// applied to the insert's value.
#pragma once

#include <string>
#include <string_view>

#include "posix/win32/messages/message_format.hpp"

namespace rasshost::posix::messages {

// Appends insert n formatted by `spec` ("s", "08lX", "*.*s" ...); false for
// a spec FormatMessage does not take (floating point, an unknown type, one
// longer than 32 characters) or missing arguments.
bool format_insert(std::wstring_view spec, unsigned n, bool wide_caller, Arguments& arguments, std::wstring& out);

}  // namespace rasshost::posix::messages
