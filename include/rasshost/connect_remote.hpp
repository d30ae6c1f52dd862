// rasshost/connect_remote.hpp - the remote user's side of real lines, for the
// test kit and tools: attach to a pty's slave as a terminal program would,
// or connect to a TCP listener as telnet/nc would.
#pragma once

#include "remote_end.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace rasshost {

/** Opens the slave (raw mode) - this is the call for a pty listener.
 *  Throws std::system_error. */
RASSHOST_API std::unique_ptr<RemoteEnd> connect_pty_remote(const std::string& slave_path);

/** Connects a plain TCP socket (numeric host). Bytes are sent as given: a
 *  test writing 0xFF is speaking telnet. Throws std::system_error. */
RASSHOST_API std::unique_ptr<RemoteEnd> connect_tcp_remote(const std::string& host, std::uint16_t port);

}  // namespace rasshost
