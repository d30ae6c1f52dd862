// The key operations behind the A and W entry points, on wide names.
#pragma once

#include <rasshost/win32.h>

#include <string>

namespace rasshost::posix::registry {

LSTATUS open_key(HKEY hkey, const std::wstring& subkey, DWORD options, REGSAM sam, PHKEY result);
LSTATUS create_key(HKEY hkey, const std::wstring& subkey, const std::wstring& class_name, DWORD options,
                   REGSAM sam, PHKEY result, LPDWORD disposition);
LSTATUS delete_key(HKEY hkey, const std::wstring& subkey);

}  // namespace rasshost::posix::registry
