// What the Linux rasshost-serve makes of the output of the Windows host it
// runs under Wine (docs/wine-host.md): it passes each line on, with the
// Windows names of the lines it mapped (COM1) back in Linux terms, shows
// log lines at the --log-level the user chose (the Windows host is run at
// debug), and keeps track of the dialogs that have begun and not ended, so
// that when the Windows host dies they can be reported ABORTED. The lines
// come from a process that ran a possibly hostile DLL: they are parsed
// strictly, and what is tracked is bounded. Platform-free.
#pragma once

#include <rasshost/host.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rasshost::serve {

// A line to print: its text, with its newline, and what kind of line it is.
struct ShownLine {
    std::string text;
    std::optional<LogLevel> level;  // a log line's
    bool verdict = false;           // a verdict or audit line
};

class WineHostOutput {
public:
    using Clock = std::chrono::system_clock;
    // At most this many dialogs (begun, or ended before their beginning was
    // read) are tracked; beyond, a beginning is not tracked.
    static constexpr std::size_t max_tracked = 65536;

    explicit WineHostOutput(LogLevel threshold) : threshold_(threshold) {}

    // From now on, the device the Windows host calls `windows` (a COM port)
    // is shown as `shown` ("/dev/ttyS0", "pty /dev/pts/4"); so is its
    // listener, "serial COM1".
    void rename(const std::string& windows, std::string shown);

    // One line of the host's output, without its newline: what to print in
    // its place, or nullopt to print nothing.
    std::optional<ShownLine> line(std::string_view text, Clock::time_point now);

    // The dialogs begun and not ended, oldest first, as ABORTED outcomes
    // with `error` and `reason`, ended `now`. Bytes are not known: 0.
    std::vector<DialogOutcome> in_flight(DWORD error, std::string_view reason, Clock::time_point now) const;

    std::size_t dialogs_in_flight() const noexcept;

    // What the host said of its crash ("exception 0xC0000005 at 0x6284167F",
    // from rasshost::end_process_on_crash), or empty.
    const std::string& crash() const noexcept { return crash_; }

private:
    struct Dialog {
        int count = 0;  // beginnings minus ends read: 1 in flight, -1 ended before its beginning was read
        std::string device;
        std::string peer;
        Clock::time_point started;
        std::uint64_t order = 0;
    };

    std::optional<ShownLine> log_line(std::string_view text, Clock::time_point now);
    std::string audit_line(std::string_view text);
    std::string shown(std::string_view device) const;
    std::string renamed_words(std::string_view text) const;
    void count(std::uint64_t hport, int change, Dialog details);

    LogLevel threshold_;
    std::vector<std::pair<std::string, std::string>> renames_;  // Windows name, name shown
    std::map<std::uint64_t, Dialog> dialogs_;                   // by hport
    std::uint64_t next_order_ = 0;
    std::string crash_;
};

}  // namespace rasshost::serve
