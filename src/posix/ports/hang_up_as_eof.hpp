// How a POSIX line's read learns of a hang-up: a tty whose carrier was lost,
// a pty master whose slave was closed, and a terminal on stdin that went away
// all fail the read with EIO. Port promises eof for every way a line ends.
#pragma once

#include <rasshost/port.hpp>

#include <asio/error.hpp>

#include <cerrno>
#include <cstddef>
#include <system_error>
#include <utility>

namespace rasshost::posix {

// The read's completion handler: EIO becomes eof, anything else passes as is.
inline auto hang_up_as_eof(IoHandler handler) {
    return [handler = std::move(handler)](std::error_code error, std::size_t n) {
        if (error == std::error_code(EIO, asio::system_category())) error = asio::error::eof;
        handler(error, n);
    };
}

}  // namespace rasshost::posix
