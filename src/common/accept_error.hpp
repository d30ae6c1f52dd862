// What a failed accept means for the listener: a transient error (out of
// descriptors or memory, a connection gone before it was taken) leaves the
// listener fine, and the host accepts again a second later instead of
// going deaf; any other error means the listener itself is broken.
#pragma once

#include <rasshost/config.h>

#include <chrono>
#include <system_error>

namespace rasshost {

inline constexpr std::chrono::seconds accept_retry_delay{1};

// Asio reports a socket's errors in its own system category, which compares
// equal to no std::errc; a listener of another kind may use std::errc. Both
// are recognized.
RASSHOST_API bool transient_accept_error(const std::error_code& error);

}  // namespace rasshost
