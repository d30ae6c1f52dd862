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

/** Makes a crash (a DLL's access violation, say) end the process at
 *  once, after one line on stderr, "<program>: error: crashed: exception
 *  0xC0000005 at 0x6284167F", written without allocating. Windows: no
 *  error box and no debugger (Wine would start winedbg and keep the
 *  process, and Windows Error Reporting may hold it, with its dialogs
 *  frozen); the exit code is the exception code. POSIX: a crash ends the
 *  process already, by its signal (nothing to do). `program` must outlive
 *  the process (a literal). */
RASSHOST_API void end_process_on_crash(const char* program) noexcept;

/** Whether descriptor `fd` (1, 2) is a stream to the systemd journal:
 *  systemd names that stream's device and inode in JOURNAL_STREAM
 *  ("DEV:INODE", systemd.exec(5)), and the descriptor is the same file
 *  (not, say, redirected by a shell the service started). Always false on
 *  Windows. */
RASSHOST_API bool is_journal_stream(int fd) noexcept;

/** This process's id, for "name[pid]:" log prefixes. */
RASSHOST_API unsigned long current_process_id() noexcept;

}  // namespace rasshost
