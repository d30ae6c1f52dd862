// What --isolate and --user accept: child processes exist on POSIX only,
// and only a tcp line can be handed to one (see README "Crash isolation").
#include "options.hpp"

#include <rasshost/isolation.hpp>
#include <rasshost/port_spec.hpp>

#include <fmt/format.h>

#include <variant>

namespace rasshost::serve {

void check_isolation_options(const Options& options) {
    if (options.isolated_child) return;  // the parent checked; --user is no longer root's to check
    if (!options.user.empty() && !options.isolate) throw UsageError("--user needs --isolate");
    if (!options.isolate) return;
    if (!rasshost::isolation::supported())
        throw UsageError("--isolate: not supported on Windows (dialogs run in the host's process there)");
    for (const auto& text : options.ports) {
        PortSpec spec;
        try {
            spec = parse_port_spec(text);
        } catch (const PortSpecError&) {
            continue;  // reported as a bad --port when the host starts
        }
        if (!std::holds_alternative<TcpSettings>(spec))
            throw UsageError(fmt::format("--isolate: only tcp ports can be isolated, not \"{}\"", text));
    }
}

}  // namespace rasshost::serve
