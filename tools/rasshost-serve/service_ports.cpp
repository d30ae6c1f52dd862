// service_ports.hpp, over rasshost/service.hpp (the documented protocols).
#include "service_ports.hpp"

#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>
#include <rasshost/service.hpp>

#include <fmt/format.h>

#include <system_error>

namespace rasshost::serve {

std::vector<std::pair<std::unique_ptr<PortListener>, PortSpec>> passed_listeners(asio::io_context& io) {
    const auto fds = take_listen_fds();
    if (fds.empty())
        throw HostError("--port systemd: no sockets were passed (LISTEN_FDS, LISTEN_PID); start the host from a "
                        ".socket unit, or give --port tcp:HOST:PORT");
    std::vector<std::pair<std::unique_ptr<PortListener>, PortSpec>> out;
    for (const int fd : fds) {
        try {
            auto listener = adopt_tcp_listener(io, fd);
            // "tcp 127.0.0.1:2323" names it as --port tcp:127.0.0.1:2323 would.
            auto text = listener->description();
            text[3] = ':';
            auto spec = parse_port_spec(text);
            out.emplace_back(std::move(listener), std::move(spec));
        } catch (const std::system_error& error) {
            throw HostError(fmt::format("--port systemd: {}", error.what()));
        }
    }
    return out;
}

void notify_ready(std::size_t ports) {
    notify_service(fmt::format("READY=1\nSTATUS=listening on {} port{}, no dialog in flight", ports,
                               ports == 1 ? "" : "s"));
}

void notify_in_flight(std::size_t dialogs) {
    notify_service(fmt::format("STATUS={} dialog{} in flight", dialogs, dialogs == 1 ? "" : "s"));
}

void notify_stopping() { notify_service("STOPPING=1\nSTATUS=shutting down"); }

}  // namespace rasshost::serve
