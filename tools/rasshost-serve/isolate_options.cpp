// What --isolate and --user accept: child processes exist on POSIX only
// (see docs/rasshost-serve.md#crash-isolation).
#include "options.hpp"

#include <rasshost/isolation.hpp>

namespace rasshost::serve {

void check_isolation_options(const Options& options) {
    if (options.isolated_child) {
        if (options.isolated_port.empty()) throw UsageError("--isolated-child needs --isolated-port");
        return;  // the parent checked; --user is no longer root's to check
    }
    if (!options.user.empty() && !options.isolate) throw UsageError("--user needs --isolate");
    if (!options.isolate) return;
    if (!options.on_success.empty())
        throw UsageError("--on-success: not with --isolate (the dialogs' processes do not hand lines over)");
    if (!rasshost::isolation::supported())
        throw UsageError("--isolate: not supported on Windows (dialogs run in the host's process there)");
}

}  // namespace rasshost::serve
