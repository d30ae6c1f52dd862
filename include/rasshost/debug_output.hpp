// Where OutputDebugStringA/W go: a process-wide sink, off by default.
//
// Security DLLs write diagnostics with OutputDebugString; a host or test
// that wants them installs a sink. Without one, the text is dropped unless
// the environment variable RASSHOST_DEBUG_OUTPUT is "stderr", which prints
// each string to stderr (a newline is added when the string lacks one) for
// people debugging a DLL, escaped as log lines are (log_escape.hpp). The library's own diagnostics (for example why a
// LoadLibrary failed) use the same route, prefixed "rasshost: ".
#pragma once

#include "config.h"

#include <functional>
#include <string_view>

namespace rasshost {

/** Receives one debug string (UTF-8, without added newline). */
using DebugOutputSink = std::function<void(std::string_view)>;

/** Installs the process-wide sink; an empty function uninstalls it.
 *  Thread-safe: other threads may be writing meanwhile. A string already
 *  being delivered when the sink is replaced may still reach the old sink,
 *  which stays alive until that delivery has returned. */
RASSHOST_API void set_debug_output(DebugOutputSink sink);

}  // namespace rasshost
