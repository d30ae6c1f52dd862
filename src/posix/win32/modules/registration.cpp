// registered_security_dll(): POSIX has no registry; --dll names the DLL.
#include <rasshost/registration.hpp>

namespace rasshost {

std::optional<std::string> registered_security_dll() { return std::nullopt; }

}  // namespace rasshost
