// rasshost/stdio_terminal.hpp - the person's own terminal as the remote user's
// terminal (open_stdio_listener in listeners.hpp). While the stdio Port
// lives, a terminal on stdin is in raw mode: bytes pass untranslated both
// ways (no echo, no line editing, no CR/NL mapping, no signals from ^C).
#pragma once

#include "config.h"

namespace rasshost {

/** Puts the terminal back as it was before the stdio Port took it (no-op
 *  if it never did). Async-signal-safe: call it from a SIGINT/SIGTERM
 *  handler before exiting. The Port's close() and an atexit hook call it
 *  too, so every exit path short of SIGKILL restores the terminal. */
RASSHOST_API void restore_terminal() noexcept;

}  // namespace rasshost
