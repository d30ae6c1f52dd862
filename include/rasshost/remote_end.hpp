// rasshost/remote_end.hpp - the remote user's side of a line, for tests and
// tools: blocking writes and reads with a timeout, from any thread.
#pragma once

#include "config.h"

#include <chrono>
#include <cstddef>
#include <span>

namespace rasshost {

/** The far end of a Port, as the remote user's terminal sees it. */
class RASSHOST_API RemoteEnd {
public:
    virtual ~RemoteEnd() = default;

    /** Sends bytes to the host. Throws std::system_error once the line is
     *  gone. */
    virtual void write(std::span<const std::byte> data) = 0;

    /** Reads what the host sent, waiting up to `timeout` for at least one
     *  byte. Returns the count (0 on timeout); throws std::system_error with
     *  asio::error::eof once the host hung up and nothing is left. */
    virtual std::size_t read_some(std::span<std::byte> buffer, std::chrono::milliseconds timeout) = 0;

    /** Hangs up from the remote side. Idempotent. */
    virtual void close() noexcept = 0;
};

}  // namespace rasshost
