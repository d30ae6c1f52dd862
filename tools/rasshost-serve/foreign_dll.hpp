// A Windows DLL where the platform cannot load one: on Linux, rasshost-serve
// hands it to the Windows build of itself for the DLL's machine, run under
// Wine in a private prefix (docs/wine-host.md). On Windows the DLL is the
// platform's own and nothing here runs.
#pragma once

#include "options.hpp"
#include "pe_image.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace rasshost::serve {

// The file --dll (or the registry's DLLPath) names, as this system names
// it. On Linux a Windows path (C:\WINNT\SYSTEM32\SECURE.DLL, any letter
// case) is looked for on the drives --drive maps, then on the drives of
// rasshost's Wine prefixes (C: is a prefix's drive_c); throws HostError if
// it is on neither. Any other name, and every name on Windows, is as given.
std::string local_dll_file(const Options& options);

// Serves `image` (the DLL, `file` as local_dll_file() found it) by other
// means if this platform cannot load it, returning the exit code; nullopt
// when it can.
std::optional<int> serve_foreign_dll(const Options& options, const std::vector<std::string_view>& arguments,
                                     const PeImage& image, const std::string& file);

}  // namespace rasshost::serve
