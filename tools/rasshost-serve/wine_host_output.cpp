// WineHostOutput (wine_host_output.hpp). The lines it reads are the
// Windows host's own (tools/rasshost-serve/report.cpp, the host's log):
//   rasshost-serve: LEVEL: TEXT                          a log line
//   rasshost-serve: debug: port 0x1F: dialog started on DEVICE peer=PEER
//   DEVICE: VERDICT user "..." ...                       a verdict line
//   TIME rasshost-serve[PID]: audit verdict=... port="DEVICE" peer=... hport=0x1F ...
#include "wine_host_output.hpp"

#include <rasshost/log_escape.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace rasshost::serve {
namespace {

constexpr std::string_view log_prefix = "rasshost-serve: ";
constexpr std::string_view started_prefix = "port 0x";
constexpr std::string_view started_middle = ": dialog started on ";
constexpr std::string_view crashed_prefix = "crashed: ";
constexpr std::size_t max_crash = 128;

std::optional<LogLevel> level_named(std::string_view name) {
    for (const auto level : {LogLevel::trace, LogLevel::debug, LogLevel::info, LogLevel::warning, LogLevel::error})
        if (to_string(level) == name) return level;
    return std::nullopt;
}

// "1F" (up to the end of `text`) as a number; nullopt unless all hex digits.
std::optional<std::uint64_t> hex_number(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The value of key="..." in an audit record, escaped as it is there, and
// where it starts; nullopt when the key or its closing quote is missing.
std::optional<std::pair<std::size_t, std::size_t>> quoted_value(std::string_view text, std::string_view key) {
    const auto at = text.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    const std::size_t begin = at + key.size();
    for (std::size_t i = begin; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;  // log_escape: a backslash always starts an escape of at least two bytes
        } else if (text[i] == '"') {
            return std::pair{begin, i};
        }
    }
    return std::nullopt;
}

// The value of key=VALUE (unquoted, up to the next space).
std::string_view bare_value(std::string_view text, std::string_view key) {
    const auto at = text.find(key);
    if (at == std::string_view::npos) return {};
    const auto rest = text.substr(at + key.size());
    return rest.substr(0, rest.find(' '));
}

}  // namespace

void WineHostOutput::rename(const std::string& windows, std::string shown) {
    std::erase_if(renames_, [&](const auto& r) { return r.first == windows || r.first == "serial " + windows; });
    // The listener first: "serial COM1" is "pty /dev/pts/4" or "serial /dev/ttyS0".
    renames_.emplace_back("serial " + windows, shown.starts_with("pty ") ? shown : "serial " + shown);
    renames_.emplace_back(windows, std::move(shown));
}

std::string WineHostOutput::shown(std::string_view device) const {
    for (const auto& [windows, linux_name] : renames_)
        if (device == windows) return linux_name;
    return std::string(device);
}

// Every whole-word occurrence of a renamed device in `text`, renamed.
std::string WineHostOutput::renamed_words(std::string_view text) const {
    std::string out(text);
    for (const auto& [windows, linux_name] : renames_) {
        for (std::size_t at = out.find(windows); at != std::string::npos; at = out.find(windows, at)) {
            const std::size_t end = at + windows.size();
            if ((at > 0 && is_word_byte(out[at - 1])) || (end < out.size() && is_word_byte(out[end]))) {
                at = end;
                continue;
            }
            out.replace(at, windows.size(), linux_name);
            at += linux_name.size();
        }
    }
    return out;
}

void WineHostOutput::count(std::uint64_t hport, int change, Dialog details) {
    auto found = dialogs_.find(hport);
    if (found == dialogs_.end()) {
        if (dialogs_.size() >= max_tracked) return;
        details.count = change;
        details.order = next_order_++;
        dialogs_.emplace(hport, std::move(details));
        return;
    }
    found->second.count += change;
    if (change > 0) {  // the beginning read after the end: its details are these
        found->second.device = std::move(details.device);
        found->second.peer = std::move(details.peer);
    }
    if (found->second.count == 0) dialogs_.erase(found);
}

std::optional<ShownLine> WineHostOutput::log_line(std::string_view text, Clock::time_point now) {
    const auto rest = text.substr(log_prefix.size());
    const auto colon = rest.find(": ");
    const auto level = colon == std::string_view::npos ? std::nullopt : level_named(rest.substr(0, colon));
    if (!level) return ShownLine{renamed_words(text) + '\n', std::nullopt, false};  // the host's own messages, not log lines
    const auto message = rest.substr(colon + 2);
    if (*level == LogLevel::debug && message.starts_with(started_prefix)) {
        const auto middle = message.find(started_middle);
        const auto peer_at = message.rfind(" peer=");
        const auto hport = middle == std::string_view::npos
                               ? std::nullopt
                               : hex_number(message.substr(started_prefix.size(), middle - started_prefix.size()));
        if (hport && peer_at != std::string_view::npos && peer_at > middle) {
            Dialog dialog;
            dialog.device = std::string(message.substr(middle + started_middle.size(),
                                                       peer_at - middle - started_middle.size()));
            const auto peer = message.substr(peer_at + 6);
            dialog.peer = peer == "-" ? std::string() : std::string(peer);
            dialog.started = now;
            count(*hport, +1, std::move(dialog));
        }
    }
    if (*level == LogLevel::error && message.starts_with(crashed_prefix))
        crash_ = std::string(message.substr(crashed_prefix.size(), max_crash));
    if (*level < threshold_) return std::nullopt;
    return ShownLine{renamed_words(text) + '\n', level};
}

std::string WineHostOutput::audit_line(std::string_view text) {
    std::string out(text);
    if (const auto hport = hex_number(bare_value(text, " hport=0x"))) count(*hport, -1, {});
    if (const auto port = quoted_value(text, " port=\"")) {
        const auto device = text.substr(port->first, port->second - port->first);
        const auto renamed = log_escape(shown(device));
        if (renamed != device) out.replace(port->first, port->second - port->first, renamed);
    }
    return out + '\n';
}

std::optional<ShownLine> WineHostOutput::line(std::string_view text, Clock::time_point now) {
    if (text.starts_with(log_prefix)) return log_line(text, now);
    if (const auto at = text.find(" rasshost-serve["); at != std::string_view::npos && at < 32) {
        const auto close = text.find("]: audit ", at);
        if (close != std::string_view::npos && close < at + 32) return ShownLine{audit_line(text), std::nullopt, true};
    }
    static constexpr std::array verdicts{": SUCCESS user \"", ": FAILURE user \"", ": ERROR user \"",
                                         ": ABORTED user \""};
    for (const auto verdict : verdicts)
        if (const auto at = text.find(verdict); at != std::string_view::npos) {
            const auto device = text.substr(0, at);
            return ShownLine{shown(device) + std::string(text.substr(at)) + '\n', std::nullopt, true};
        }
    return ShownLine{std::string(text) + '\n', std::nullopt, false};
}

std::vector<DialogOutcome> WineHostOutput::in_flight(DWORD error, std::string_view reason,
                                                     Clock::time_point now) const {
    std::vector<std::pair<std::uint64_t, const Dialog*>> live;
    for (const auto& [hport, dialog] : dialogs_)
        if (dialog.count > 0) live.emplace_back(hport, &dialog);
    std::sort(live.begin(), live.end(), [](const auto& a, const auto& b) { return a.second->order < b.second->order; });
    std::vector<DialogOutcome> out;
    for (const auto& [hport, dialog] : live) {
        DialogOutcome outcome;
        outcome.port = reinterpret_cast<HPORT>(static_cast<std::uintptr_t>(hport));
        outcome.device = shown(dialog->device);
        outcome.peer = dialog->peer;
        outcome.verdict = Verdict::aborted;
        outcome.error = error;
        outcome.reason = std::string(reason);
        outcome.started = dialog->started;
        outcome.ended = now;
        out.push_back(std::move(outcome));
    }
    return out;
}

std::size_t WineHostOutput::dialogs_in_flight() const noexcept {
    return static_cast<std::size_t>(
        std::count_if(dialogs_.begin(), dialogs_.end(), [](const auto& d) { return d.second.count > 0; }));
}

}  // namespace rasshost::serve
