// The ANSI code page: how the ...A calls' bytes read as text (CP_ACP of
// MultiByteToWideChar, registry strings, file names, message texts).
// docs/decisions.md#ansi-code-page.
#pragma once

#include <rasshost/config.h>

namespace rasshost {

// Chooses the process's ANSI code page: 1252 (Windows-1252, the default and
// what Western Windows uses), 437 (the US OEM code page) or 65001 (UTF-8).
// Returns false, changing nothing, for any other value. Set it before the
// security DLL is loaded: strings converted earlier stay as they were. On
// Windows the code page is the system's: true only for the one in effect.
RASSHOST_API bool set_ansi_code_page(unsigned code_page) noexcept;

// The ANSI code page in effect (on Windows, GetACP()).
RASSHOST_API unsigned ansi_code_page() noexcept;

}  // namespace rasshost
