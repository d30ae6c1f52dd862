// Pseudo-terminals are POSIX-only: on Windows "--port pty" fails
// at once with a message that names the alternatives.
#include <rasshost/connect_remote.hpp>
#include <rasshost/listeners.hpp>

#include <rasshost/win32.h>

#include <system_error>

namespace rasshost {
namespace {

[[noreturn]] void not_on_windows() {
    throw std::system_error(ERROR_NOT_SUPPORTED, std::system_category(),
                            "pty: pseudo-terminals are not supported on Windows (use serial:COMn, tcp or stdio)");
}

}  // namespace

std::unique_ptr<PtyListener> open_pty_listener(asio::io_context&, const PtySettings&) { not_on_windows(); }

std::unique_ptr<RemoteEnd> connect_pty_remote(const std::string&) { not_on_windows(); }

}  // namespace rasshost
