// The stdio listener: one call, the person at the terminal. A second accept
// completes with asio::error::eof (there is no second caller), an accept
// after close() with operation_aborted. The Port itself is the backend's
// (src/posix/ports/stdio_port.cpp, src/win32/ports/stdio_port.cpp).
#include <rasshost/listeners.hpp>

#include "common/backend.hpp"
#include "common/single_line_listener.hpp"

#include <utility>

namespace rasshost {
namespace {

class StdioListener final : public SingleLineListener {
public:
    explicit StdioListener(asio::io_context& io) : SingleLineListener(io) {}

    std::string description() const override { return "stdio"; }

private:
    std::unique_ptr<Port> next_call() override {
        if (std::exchange(used_, true)) return nullptr;
        return backend::open_stdio_port(io());
    }

    bool used_ = false;
};

}  // namespace

std::unique_ptr<PortListener> open_stdio_listener(asio::io_context& io) {
    return std::make_unique<StdioListener>(io);
}

}  // namespace rasshost
