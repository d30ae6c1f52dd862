#include "common/call_admission.hpp"

#include "common/source_key.hpp"

#include <asio/dispatch.hpp>
#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>

#include <fmt/format.h>

#include <span>

namespace rasshost {
namespace {

constexpr std::string_view too_many_failures = "rasshost: too many failures from your address, try again later\r\n";
constexpr std::string_view too_many_from_source =
    "rasshost: too many connections from your address, try again later\r\n";
constexpr std::string_view too_many_calls = "rasshost: too many connections, try again later\r\n";

// A flood of refused calls must not become a flood of log lines.
constexpr auto log_interval = std::chrono::seconds(10);

}  // namespace

CallAdmission::CallAdmission(const CallLimits& limits, Log log)
    : limits_(limits), log_(std::move(log)), penalties_(limits) {}

std::optional<std::string_view> CallAdmission::admit(const std::string& peer, Clock::time_point now) {
    const std::string source = source_key(peer);
    std::optional<std::string_view> refused;
    {
        std::lock_guard lock(mutex_);
        if (!source.empty()) refused = refusal(source, now);
        if (!refused) {
            ++total_;
            if (!source.empty()) ++per_source_[source];
        }
    }
    return refused;
}

// Under mutex_.
std::optional<std::string_view> CallAdmission::refusal(const std::string& source, Clock::time_point now) {
    std::optional<std::string_view> line;
    std::string_view why;
    if (penalties_.blocked(source, now)) {
        line = too_many_failures;
        why = "per-source penalty";
    } else if (limits_.max_dialogs > 0 && total_ >= limits_.max_dialogs) {
        line = too_many_calls;
        why = "dialog cap";
    } else if (const auto it = per_source_.find(source);
               limits_.max_dialogs_per_source > 0 && it != per_source_.end() &&
               it->second >= limits_.max_dialogs_per_source) {
        line = too_many_from_source;
        why = "per-source dialog cap";
    }
    if (line) note_refusal(why, source, now);
    return line;
}

// Under mutex_ (the log callback never calls back into the host): the first
// refusal is logged, then at most one line per interval with the count.
void CallAdmission::note_refusal(std::string_view why, const std::string& source, Clock::time_point now) {
    ++refusals_unlogged_;
    if (refusals_logged_ != Clock::time_point{} && now - refusals_logged_ < log_interval) return;
    if (log_)
        log_(LogLevel::warning, fmt::format("refused {} call{} (the last: {} from {})", refusals_unlogged_,
                                            refusals_unlogged_ == 1 ? "" : "s", why, source));
    refusals_logged_ = now;
    refusals_unlogged_ = 0;
}

void CallAdmission::release(const std::string& peer) {
    const std::string source = source_key(peer);
    std::lock_guard lock(mutex_);
    if (total_ > 0) --total_;
    if (source.empty()) return;
    if (const auto it = per_source_.find(source); it != per_source_.end() && --it->second == 0) per_source_.erase(it);
}

const char* CallAdmission::failed_attempt(const DialogOutcome& outcome) {
    if (outcome.verdict != Verdict::aborted) return nullptr;
    if (outcome.reason == "dialog timeout") return "dialog timeout";
    if (outcome.reason == "hang-up" && outcome.bytes_sent > 0) return "hang-up after a prompt";
    return nullptr;
}

void CallAdmission::failure(const std::string& peer, std::string_view what, Clock::time_point now) {
    const std::string source = source_key(peer);
    if (source.empty() || !penalties_.enabled()) return;
    std::lock_guard lock(mutex_);
    const auto result = penalties_.record_failure(source, now);
    if (!log_) return;
    if (result.penalty) {
        log_(LogLevel::warning,
             fmt::format("source {}: {} failure{} within {} s (the last: {}): its calls are refused for {} s "
                         "(penalty {})",
                         source, result.penalty->failures, result.penalty->failures == 1 ? "" : "s",
                         limits_.failure_window.count(), what,
                         result.penalty->duration.count(), result.penalty->repeat));
    } else if (result.untracked && (overflow_logged_ == Clock::time_point{} || now - overflow_logged_ >= log_interval)) {
        overflow_logged_ = now;
        log_(LogLevel::warning, fmt::format("source {} not tracked: all {} remembered sources are under penalty",
                                            source, limits_.max_sources));
    } else {
        log_(LogLevel::debug, fmt::format("source {}: failure counted ({})", source, what));
    }
}

std::size_t CallAdmission::admitted() const {
    std::lock_guard lock(mutex_);
    return total_;
}

void refuse_call(std::unique_ptr<Port> port, std::string_view line) {
    std::shared_ptr<Port> shared(std::move(port));
    auto strand = asio::make_strand(shared->get_executor());
    auto timer = std::make_shared<asio::steady_timer>(strand, std::chrono::seconds(2));
    timer->async_wait([shared](const std::error_code&) { shared->close(); });
    asio::dispatch(strand, [shared, timer, strand, line] {
        shared->async_write(std::as_bytes(std::span(line.data(), line.size())),
                            [shared, timer, strand](const std::error_code&, std::size_t) {
                                asio::dispatch(strand, [shared, timer] {
                                    timer->cancel();
                                    shared->close();
                                });
                            });
    });
}

}  // namespace rasshost
