// How the ports and listeners complete an operation they answer themselves
// (the port is closed, a listener cannot open its line): through the
// executor, never inside the call that started it, as Asio completes its
// own operations. Used by the ports in common/, src/posix/ports/ and
// src/win32/ports/.
#pragma once

#include <rasshost/port.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/error.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <cstddef>
#include <memory>
#include <system_error>
#include <utility>

namespace rasshost {

// A read or write ends with `error` after `n` bytes.
inline void post_completion(const asio::any_io_executor& executor, IoHandler handler, std::error_code error,
                            std::size_t n = 0) {
    asio::post(executor, [handler = std::move(handler), error, n] { handler(error, n); });
}

// A read or write started on a closed Port.
inline void post_aborted(const asio::any_io_executor& executor, IoHandler handler) {
    post_completion(executor, std::move(handler), asio::error::operation_aborted);
}

// An accept ends with `error` or `port`.
inline void post_accept(asio::io_context& io, PortListener::AcceptHandler handler, std::error_code error,
                        std::unique_ptr<Port> port = nullptr) {
    asio::post(io, [handler = std::move(handler), error, port = std::move(port)]() mutable {
        handler(error, std::move(port));
    });
}

}  // namespace rasshost
