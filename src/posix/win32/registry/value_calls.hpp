// The value operations behind the A and W entry points.
#pragma once

#include "posix/win32/registry/names.hpp"
#include "posix/win32/registry/value_form.hpp"

#include <string>
#include <string_view>

namespace rasshost::posix::registry {

// A value's type and data in `form` (an error if the key or value is missing).
LSTATUS read_value(HKEY hkey, const FoldedName& name, Form form, DWORD& type, std::vector<BYTE>& bytes);
// RegQueryValueEx: `name` as the A or W call passed it (NULL: the default value).
LSTATUS query_value(HKEY hkey, LPCSTR name, Form form, LPDWORD reserved, LPDWORD type, LPBYTE data,
                    LPDWORD count);
LSTATUS query_value(HKEY hkey, LPCWSTR name, Form form, LPDWORD reserved, LPDWORD type, LPBYTE data,
                    LPDWORD count);
LSTATUS set_value(HKEY hkey, const std::wstring& name, Form form, DWORD type, const BYTE* data, DWORD count);
LSTATUS delete_value(HKEY hkey, const std::wstring& name);

}  // namespace rasshost::posix::registry
