// SingleLineListener::async_accept: the body the serial listeners of both
// backends and the stdio listener share.
#include "common/single_line_listener.hpp"

#include "common/port_completion.hpp"

#include <asio/io_context.hpp>

#include <system_error>

namespace rasshost {

void SingleLineListener::async_accept(AcceptHandler handler) {
    std::error_code error;
    std::unique_ptr<Port> port;
    if (closed_) {
        error = asio::error::operation_aborted;
    } else {
        try {
            port = next_call();
            if (!port) error = asio::error::eof;
        } catch (const std::system_error& e) {
            error = e.code();
        }
    }
    post_accept(io_, std::move(handler), error, std::move(port));
}

}  // namespace rasshost
