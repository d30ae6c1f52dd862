#include "report.hpp"

#include <rasshost/audit.hpp>
#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>
#include <rasshost/process.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace rasshost::serve {

std::string verdict_line(const DialogOutcome& outcome) {
    return fmt::format("{}: {} user \"{}\" domain \"{}\" error {}{}\n", log_escape(outcome.device),
                       to_string(outcome.verdict), log_escape(outcome.user), log_escape(outcome.domain),
                       outcome.error,
                       outcome.verdict == Verdict::aborted ? fmt::format(" ({})", log_escape(outcome.reason)) : "");
}

std::string audit_line(const DialogOutcome& outcome) {
    return fmt::format("{} rasshost-serve[{}]: audit {}\n", rfc3339_utc(outcome.ended), current_process_id(),
                       audit_record(outcome));
}

int syslog_priority(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::error: return 3;
        case LogLevel::warning: return 4;
        case LogLevel::info: return 6;
        default: return 7;
    }
}

bool wants_priorities(LogPriorities mode, int fd) noexcept {
    return mode == LogPriorities::syslog || (mode == LogPriorities::automatic && is_journal_stream(fd));
}

void LineWriter::write(std::string_view text, int priority) noexcept {
    errno = 0;
    bool written = true;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size() - 1) + 1;  // a line, with its newline
        if (priorities_) written &= std::fprintf(file_, "<%d>", priority) > 0;
        written &= std::fwrite(text.data(), 1, end, file_) == end;
        text.remove_prefix(end);
    }
    if (std::fflush(file_) == 0 && written) return;  // flushed per line: a reader sees each at once
    const int error = errno;
    std::clearerr(file_);
    if (failure_reported_ || file_ == stderr) return;
    failure_reported_ = true;
    const std::string_view level = to_string(LogLevel::error);
    std::fprintf(stderr, "rasshost-serve: %.*s: cannot write to %s: %s (serving on; later failures not reported)\n",
                 static_cast<int>(level.size()), level.data(), name_.c_str(),
                 error != 0 ? std::strerror(error) : "write error");
    std::fflush(stderr);
}

}  // namespace rasshost::serve
