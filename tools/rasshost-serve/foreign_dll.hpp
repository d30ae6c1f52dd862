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

// Serves `image` (the file --dll names) by other means if this platform
// cannot load it, returning the exit code; nullopt when it can.
std::optional<int> serve_foreign_dll(const Options& options, const std::vector<std::string_view>& arguments,
                                     const PeImage& image);

}  // namespace rasshost::serve
