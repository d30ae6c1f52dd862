// The host's "rasman.dll" pseudo-module (spec OQ-3): what GetProcAddress
// finds in it.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix {

// RasSecurityDialogSend, ...Receive and ...GetInfo; NULL for anything else,
// including RasSecurityDialogComplete, which rasman.dll does not export on
// Windows either (a DLL gets it only as Begin's argument, spec OQ-23).
FARPROC rasman_export(const char* name) noexcept;

}  // namespace rasshost::posix
