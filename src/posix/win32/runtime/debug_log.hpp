// The library's own diagnostics, sent through the debug-output sink (see
// <rasshost/debug_output.hpp>): nothing is printed unless someone asked.
#pragma once

#include <string_view>

namespace rasshost::posix {

void debug_log(std::string_view message);

}  // namespace rasshost::posix
