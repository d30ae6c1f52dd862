// LoadLibrary and GetModuleHandle on a name in UTF-8, the form the
// operating system names files in. The A forms convert their names from the
// ANSI code page, the W forms from wide characters and the host its DLL's
// native file name, each straight to UTF-8, so a W name keeps the
// characters the ANSI code page lacks (docs/decisions.md#ansi-code-page).
#pragma once

#include <rasshost/win32.h>

#include <string_view>

namespace rasshost::posix {

// LoadLibrary's rules for a name that is not NULL (module.cpp).
HMODULE load_library(std::string_view utf8_name);

// GetModuleHandle's rules for a name that is not NULL (module.cpp).
HMODULE module_handle(std::string_view utf8_name);

}  // namespace rasshost::posix
