// The stdio listener: one call, the person at the terminal. A second accept
// completes with asio::error::eof (there is no second caller), an accept
// after close() with operation_aborted. The Port itself is the backend's
// (src/posix/ports/stdio_port.cpp, src/win32/ports/stdio_port.cpp).
#include <rasshost/listeners.hpp>

#include "common/backend.hpp"

#include <asio/error.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <system_error>
#include <utility>

namespace rasshost {
namespace {

class StdioListener final : public PortListener {
public:
    explicit StdioListener(asio::io_context& io) : io_(io) {}

    std::string description() const override { return "stdio"; }

    void async_accept(AcceptHandler handler) override {
        std::error_code error = closed_ ? std::error_code(asio::error::operation_aborted) : std::error_code(asio::error::eof);
        std::unique_ptr<Port> port;
        if (!closed_ && !used_) {
            used_ = true;
            try {
                port = backend::open_stdio_port(io_);
                error = {};
            } catch (const std::system_error& e) {
                error = e.code();
            }
        }
        asio::post(io_, [handler = std::move(handler), error, port = std::move(port)]() mutable {
            handler(error, std::move(port));
        });
    }

    void close() noexcept override { closed_ = true; }

private:
    asio::io_context& io_;
    bool used_ = false;
    bool closed_ = false;
};

}  // namespace

std::unique_ptr<PortListener> open_stdio_listener(asio::io_context& io) {
    return std::make_unique<StdioListener>(io);
}

}  // namespace rasshost
