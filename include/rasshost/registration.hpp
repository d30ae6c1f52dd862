// rasshost/registration.hpp - where Windows' RAS server looks for the
// security DLL (docs/decisions.md#choosing-the-dll), for hosts that want the same default.
#pragma once

#include "config.h"

#include <optional>
#include <string>

namespace rasshost {

/** The DLL named by HKLM\SOFTWARE\Microsoft\RAS\SecurityHost, value
 *  DLLPath (REG_SZ or REG_EXPAND_SZ, environment variables expanded): on
 *  Windows in the system's registry, on POSIX in the registry file
 *  (rasshost/registry.hpp). std::nullopt when the value is missing or empty. */
RASSHOST_API std::optional<std::string> registered_security_dll();

}  // namespace rasshost
