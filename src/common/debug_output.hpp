// The debug-output sink and its delivery (see <rasshost/debug_output.hpp>),
// shared by both backends: each backend only catches what a DLL passes to
// OutputDebugStringA/W and hands it here as UTF-8.
#pragma once

#include <string_view>

namespace rasshost {

// One string for the sink set by set_debug_output; with no sink, printed to
// stderr (escaped, as one line) if RASSHOST_DEBUG_OUTPUT is "stderr", else
// dropped. Any thread; the sink is called with no lock held.
void deliver_debug_output(std::string_view text);

// The library's own diagnostics: "rasshost: " + message, as one line.
void debug_log(std::string_view message);

}  // namespace rasshost
