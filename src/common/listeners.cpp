// open_listener(): one PortSpec kind, one backend.
#include <rasshost/listeners.hpp>

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

}  // namespace rasshost
