// The two ways rasshost-serve runs dialogs: in its own process (a
// SecurityHost) or, with --isolate, each in a child process that runs the
// DLL (isolate.cpp), and that child's side (isolated_child.cpp).
#pragma once

#include "options.hpp"

#include <rasshost/host.hpp>
#include <rasshost/port_spec.hpp>

#include <asio/io_context.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace rasshost::serve {

// What main() needs of a host, either kind.
class DialogHost {
public:
    virtual ~DialogHost() = default;
    // `spec` is the port the listener was opened for.
    virtual void serve(std::unique_ptr<PortListener> listener, std::size_t max_calls, const PortSpec& spec) = 0;
    // Every port is open: with --user, the host gives up root now.
    virtual void ports_open() {}
    // Stops listening, ends every live dialog (bounded wait).
    virtual void shutdown() = 0;
};

// A SecurityHost, or with --isolate the supervisor of child processes,
// which exec this program again with `arguments` (the original command line).
std::unique_ptr<DialogHost> make_dialog_host(asio::io_context& io, const Options& options,
                                             const std::vector<std::string_view>& arguments,
                                             const HostOptions& host_options);

// This process is an isolated child (--isolated-child FD): one dialog on
// that line with the DLL, its outcome reported to the parent. The exit code.
int run_isolated_child(const Options& options, HostOptions host_options);

}  // namespace rasshost::serve
