// The audit record of a finished dialog (format in rasshost/audit.hpp).
#include <rasshost/audit.hpp>
#include <rasshost/log_escape.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace rasshost {

std::string rfc3339_utc(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(time);
    const auto day = floor<days>(ms);
    const year_month_day date(day);
    const hh_mm_ss clock(ms - day);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count(), clock.subseconds().count());
}

std::string audit_record(const DialogOutcome& outcome) {
    using namespace std::chrono;
    // A wall clock set back during the dialog must not give a negative time.
    const auto ms = std::max<long long>(0, duration_cast<milliseconds>(outcome.ended - outcome.started).count());
    return fmt::format(
        "verdict={} port=\"{}\" peer={} hport={} user=\"{}\" domain=\"{}\" error={} reason=\"{}\" "
        "duration={}.{:03} sent={} received={}",
        to_string(outcome.verdict), log_escape(outcome.device),
        outcome.peer.empty() ? std::string("-") : log_escape(outcome.peer), static_cast<const void*>(outcome.port),
        log_escape(outcome.user), log_escape(outcome.domain), outcome.error, log_escape(outcome.reason), ms / 1000,
        ms % 1000, outcome.bytes_sent, outcome.bytes_received);
}

}  // namespace rasshost
