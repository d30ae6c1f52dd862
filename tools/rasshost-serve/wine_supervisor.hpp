// The Linux rasshost-serve's side of a Windows host under Wine
// (docs/wine-host.md): it runs the host as its child, passes the host's
// output on (through WineHostOutput), hands signals on as the Ctrl+C the
// host ends its dialogs on, relays --port pty to a COM port, and, if the
// host dies with dialogs in flight, reports each one ABORTED as
// rasshost-serve --isolate reports a crashed dialog. POSIX only.
#pragma once

#include "options.hpp"
#include "pty_relay.hpp"
#include "wine_host_output.hpp"
#include "wine_prefix.hpp"

#include <asio/io_context.hpp>

#include <memory>
#include <string>
#include <vector>

namespace rasshost::serve {

class WineSupervisor {
public:
    // `uses_stdio`: the host's stdout is the line, and its verdicts go to stderr.
    WineSupervisor(const Options& options, bool uses_stdio)
        : output_(options.log_level), uses_stdio_(uses_stdio), priorities_(options.log_priorities) {}

    // --port pty: a relay to COM`number` of `prefix`. Returns "COMn".
    std::string relay_pty(const PtySettings& settings, WinePrefix& prefix, unsigned number);
    // The Windows host's name of a line mapped to a Linux device.
    void rename(const std::string& windows, std::string shown) { output_.rename(windows, std::move(shown)); }

    // Runs `command` (a Windows program and its arguments) in the prefix
    // until it ends. The exit code for this host.
    int run(const WinePrefix& prefix, const std::vector<std::string>& command);

private:
    asio::io_context io_;
    WineHostOutput output_;
    bool uses_stdio_;
    LogPriorities priorities_;
    std::vector<std::shared_ptr<PtyRelay>> relays_;
};

}  // namespace rasshost::serve
