// take_listen_fds() and notify_service() (rasshost/service.hpp) on Windows:
// its service manager passes no sockets and takes no such messages.
#include <rasshost/service.hpp>

namespace rasshost {

std::vector<int> take_listen_fds() { return {}; }

bool notify_service(std::string_view) noexcept { return false; }

}  // namespace rasshost
