// rasshost-serve as a systemd service (docs/systemd.md): --port systemd
// serves the listening sockets a .socket unit passes (socket activation),
// and the service manager hears when the host is ready, how many dialogs
// are in flight, and when it stops (Type=notify). Without systemd there are
// no sockets to take and nothing is sent.
#pragma once

#include <rasshost/port.hpp>
#include <rasshost/port_spec.hpp>

#include <asio/io_context.hpp>

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace rasshost::serve {

// The --port value that stands for the sockets systemd passes.
constexpr std::string_view systemd_port = "systemd";

// A tcp listener for each socket passed, with the spec that names it. Throws
// HostError when none was passed, or one is not a listening TCP socket.
std::vector<std::pair<std::unique_ptr<PortListener>, PortSpec>> passed_listeners(asio::io_context& io);

// READY=1 and a status line, once every port listens.
void notify_ready(std::size_t ports);
// A status line: the dialogs in flight.
void notify_in_flight(std::size_t dialogs);
// STOPPING=1, when the host begins to shut down.
void notify_stopping();

}  // namespace rasshost::serve
