// rasshost/service.hpp - a host run as a system service: the listening
// sockets a service manager passes it (systemd's socket activation,
// sd_listen_fds(3)) and the state it reports back (sd_notify(3)), by their
// documented protocols, without libsystemd. Where there is no service
// manager, or on Windows, they find nothing and do nothing.
#pragma once

#include "config.h"

#include <string_view>
#include <vector>

namespace rasshost {

/** The sockets passed to this process (LISTEN_FDS descriptors from 3 on,
 *  when LISTEN_PID is this process), marked close-on-exec; the variables
 *  are removed from the environment, so a child does not take them too.
 *  Empty when none were passed, and on Windows. */
RASSHOST_API std::vector<int> take_listen_fds();

/** Sends `state` ("READY=1", "STATUS=...", "STOPPING=1", lines joined by
 *  '\n') to the service manager's NOTIFY_SOCKET (a datagram; a name that
 *  starts with '@' is in the abstract namespace). False, doing nothing,
 *  without one, and on Windows. */
RASSHOST_API bool notify_service(std::string_view state) noexcept;

}  // namespace rasshost
