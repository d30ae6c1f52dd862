// rasshost/process.hpp - process-wide settings a host program makes at
// start-up, and what it says about itself in its log lines.
#pragma once

#include "config.h"

namespace rasshost {

/** Makes a write to a pipe or socket whose reader is gone fail (EPIPE)
 *  instead of killing the process: POSIX ignores SIGPIPE, as sshd does;
 *  Windows has no such signal (nothing to do). A host whose stdout is a
 *  pipe to a log reader that died must go on serving. */
RASSHOST_API void ignore_broken_pipe_signal() noexcept;

/** This process's id, for "name[pid]:" log prefixes. */
RASSHOST_API unsigned long current_process_id() noexcept;

}  // namespace rasshost
