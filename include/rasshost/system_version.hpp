// rasshost/system_version.hpp - the Windows version the POSIX emulation
// reports (GetVersionExA, GetVersion).
//
// Legacy DLLs test the version to pick code paths ("NT 5 or later"), and
// some refuse to start on a version they do not know. The emulation reports
// Windows 2000 Server with Service Pack 4 (5.0.2195), the last release of the
// era these DLLs were written for, unless the embedder or the operator
// (rasshost-serve --windows-version) chooses another
// (docs/decisions.md#system-version). On Windows the real GetVersionExA
// answers and this setting has no effect.
#pragma once

#include "config.h"

#include <optional>
#include <string>
#include <string_view>

namespace rasshost {

/** The values of an OSVERSIONINFOEXA (the platform is always NT). */
struct SystemVersion {
    unsigned major = 5;
    unsigned minor = 0;
    unsigned build = 2195;
    unsigned service_pack_major = 4;
    unsigned service_pack_minor = 0;
    /** szCSDVersion; cut to 127 characters. */
    std::string service_pack_name = "Service Pack 4";
    /** VER_NT_WORKSTATION (1), VER_NT_DOMAIN_CONTROLLER (2) or VER_NT_SERVER (3). */
    unsigned product_type = 3;
    /** VER_SUITE_* bits. */
    unsigned suite_mask = 0;
};

/** Sets the version every later call reports. Thread-safe. */
RASSHOST_API void set_system_version(const SystemVersion& version);

/** The version reported now. */
RASSHOST_API SystemVersion system_version();

/** Reads "MAJOR.MINOR.BUILD" followed by optional "-spN" (the service pack,
 *  named "Service Pack N") and "-workstation", "-server" or "-dc", each
 *  part at most once, in that order: "5.0.2195-sp4-server" is the default,
 *  "5.1.2600-sp3-workstation" Windows XP SP3. Numbers: major and minor up to
 *  255, the build up to 65535, the service pack up to 255. nullopt for
 *  anything else. */
RASSHOST_API std::optional<SystemVersion> parse_system_version(std::string_view text);

/** The text parse_system_version reads back (the suite mask is not part of it). */
RASSHOST_API std::string to_string(const SystemVersion& version);

}  // namespace rasshost
