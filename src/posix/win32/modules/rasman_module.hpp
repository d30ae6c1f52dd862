// The host's "rasman.dll" pseudo-module: what GetProcAddress finds in it
// (docs/decisions.md#rasman-pseudo-module).
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix {

// RasSecurityDialogSend, ...Receive and ...GetInfo; NULL for anything else,
// including RasSecurityDialogComplete, which rasman.dll does not export on
// Windows either: a DLL gets it only as Begin's argument
// (docs/decisions.md#global-complete).
FARPROC rasman_export(const char* name) noexcept;

}  // namespace rasshost::posix
