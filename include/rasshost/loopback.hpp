// rasshost/loopback.hpp - an in-memory line for unit tests: a Port for the
// host and a RemoteEnd for the test, joined in memory, no OS resources.
#pragma once

#include "port.hpp"
#include "remote_end.hpp"

#include <asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace rasshost {

struct LoopbackPair {
    std::unique_ptr<Port> host_side;        ///< give to the host
    std::unique_ptr<RemoteEnd> remote_side; ///< play the remote user with it
};

/** Makes a connected in-memory pair. Closing either side is a hang-up for
 *  the other. Bytes not yet read stay readable after the writer closed.
 *  Like a socket, the remote side's write blocks while 64 KiB it wrote are
 *  still unread by the host (host-to-remote bytes are not bounded). */
RASSHOST_API LoopbackPair make_loopback(asio::any_io_executor executor, std::string device_name = "loopback");

}  // namespace rasshost
