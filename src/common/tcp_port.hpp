// The part of tcp_port.cpp that adopt_port (listeners.cpp) uses.
#pragma once

#include <rasshost/port.hpp>

#include <asio/io_context.hpp>

#include <cstdint>
#include <memory>

namespace rasshost {

// A TCP connection lent by the process that accepted it: `descriptor` is
// the connected socket, which the Port now owns. Throws std::system_error
// if it is not a connected TCP socket.
std::unique_ptr<Port> adopt_tcp_port(asio::io_context& io, std::intptr_t descriptor);

}  // namespace rasshost
