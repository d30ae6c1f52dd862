// What rasshost-serve prints per dialog, and the writer that prints it
// without ever ending a dialog or the server.
#pragma once

#include <rasshost/dialog.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace rasshost::serve {

// 'tcp 127.0.0.1:52660: SUCCESS user "alice" domain "" error 0', with an
// aborted dialog's reason in parentheses; names escaped.
std::string verdict_line(const DialogOutcome& outcome);

// '<RFC 3339 time> rasshost-serve[<pid>]: audit <audit_record>'.
std::string audit_line(const DialogOutcome& outcome);

// Writes whole lines to a stream. A failed write (stdout a pipe whose
// reader died, a full disk) never throws: the first one is reported on
// stderr, later ones are dropped silently. Not thread-safe: callers hold
// their log lock.
class LineWriter {
public:
    LineWriter(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}
    void write(std::string_view text) noexcept;

private:
    std::FILE* file_;
    std::string name_;
    bool failure_reported_ = false;
};

}  // namespace rasshost::serve
