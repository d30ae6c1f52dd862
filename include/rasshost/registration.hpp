// rasshost/registration.hpp - where Windows' RAS server looks for the
// security DLL (docs/decisions.md#choosing-the-dll), for hosts that want the same default.
#pragma once

#include "config.h"

#include <optional>
#include <string>

namespace rasshost {

/** The DLL named by HKLM\SOFTWARE\Microsoft\RAS\SecurityHost, value
 *  DLLPath (REG_SZ or REG_EXPAND_SZ, environment variables expanded), on
 *  Windows. std::nullopt when the value is missing or empty, and always on
 *  POSIX, which has no registry: there the host's --dll is the only source. */
RASSHOST_API std::optional<std::string> registered_security_dll();

}  // namespace rasshost
