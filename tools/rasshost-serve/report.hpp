// What rasshost-serve prints per dialog, and the writer that prints it
// without ever ending a dialog or the server.
#pragma once

#include "options.hpp"

#include <rasshost/dialog.hpp>
#include <rasshost/host.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace rasshost::serve {

// 'tcp 127.0.0.1:52660: SUCCESS user "alice" domain "" error 0', with an
// aborted dialog's reason in parentheses; names escaped.
std::string verdict_line(const DialogOutcome& outcome);

// '<RFC 3339 time> rasshost-serve[<pid>]: audit <audit_record>'.
std::string audit_line(const DialogOutcome& outcome);

// A log line's syslog priority (RFC 5424): error 3, warning 4, info 6,
// debug and trace 7; a verdict or audit line is a notice, 5.
int syslog_priority(LogLevel level) noexcept;
constexpr int notice_priority = 5;

// Whether the lines written to descriptor `fd` (1, 2) get their priority.
bool wants_priorities(LogPriorities mode, int fd) noexcept;

// Writes whole lines to a stream, each after "<N>", its syslog priority,
// when `priorities` is on (what journald and syslog daemons read: --log).
// A failed write (stdout a pipe whose reader died, a full disk) never
// throws: the first one is reported on stderr, later ones are dropped
// silently. Not thread-safe: callers hold their log lock.
class LineWriter {
public:
    LineWriter(std::FILE* file, std::string name, bool priorities = false)
        : file_(file), name_(std::move(name)), priorities_(priorities) {}
    void write(std::string_view text, int priority = 6) noexcept;

private:
    std::FILE* file_;
    std::string name_;
    bool priorities_;
    bool failure_reported_ = false;
};

}  // namespace rasshost::serve
