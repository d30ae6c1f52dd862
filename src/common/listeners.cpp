// open_listener(): one PortSpec kind, one backend; adopt_port(): the same
// kinds, for a line another process lent.
#include <rasshost/listeners.hpp>

#include "common/backend.hpp"
#include "common/tcp_port.hpp"

#include <variant>

namespace rasshost {

std::unique_ptr<PortListener> open_listener(asio::io_context& io, const PortSpec& spec) {
    struct Opener {
        asio::io_context& io;
        std::unique_ptr<PortListener> operator()(const SerialSettings& s) const { return open_serial_listener(io, s); }
        std::unique_ptr<PortListener> operator()(const PtySettings& s) const { return open_pty_listener(io, s); }
        std::unique_ptr<PortListener> operator()(const TcpSettings& s) const { return open_tcp_listener(io, s); }
        std::unique_ptr<PortListener> operator()(const StdioSettings&) const { return open_stdio_listener(io); }
    };
    return std::visit(Opener{io}, spec);
}

std::unique_ptr<Port> adopt_port(asio::io_context& io, const PortSpec& spec, std::intptr_t descriptor) {
    struct Adopter {
        asio::io_context& io;
        std::intptr_t descriptor;
        std::unique_ptr<Port> operator()(const SerialSettings& s) const {
            return backend::adopt_serial_port(io, descriptor, s.device);
        }
        std::unique_ptr<Port> operator()(const PtySettings&) const { return backend::adopt_pty_port(io, descriptor); }
        std::unique_ptr<Port> operator()(const TcpSettings&) const { return adopt_tcp_port(io, descriptor); }
        std::unique_ptr<Port> operator()(const StdioSettings&) const { return backend::adopt_stdio_port(io, descriptor); }
    };
    return std::visit(Adopter{io, descriptor}, spec);
}

}  // namespace rasshost
