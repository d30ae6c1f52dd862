#include "report.hpp"

#include <rasshost/audit.hpp>
#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>
#include <rasshost/process.hpp>

#include <fmt/format.h>

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

void LineWriter::write(std::string_view text) noexcept {
    errno = 0;
    const bool written = std::fwrite(text.data(), 1, text.size(), file_) == text.size();
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
