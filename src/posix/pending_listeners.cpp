// Placeholder until the stdio backend lands (next commit).
#include <rasshost/listeners.hpp>

#include <system_error>

namespace rasshost {

std::unique_ptr<PortListener> open_stdio_listener(asio::io_context&) {
    throw std::system_error(std::make_error_code(std::errc::function_not_supported), "stdio");
}

}  // namespace rasshost
