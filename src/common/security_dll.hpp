// Loading a security DLL file: LoadLibrary, then its two exports.
#pragma once

#include <rasshost/host.hpp>

#include <filesystem>

namespace rasshost {

struct LoadedSecurityDll {
    HMODULE module = nullptr;
    SecurityDll entry_points;
};

// Throws HostError naming the file and what is missing
// (docs/decisions.md#choosing-the-dll).
LoadedSecurityDll load_security_dll(const std::filesystem::path& path);

}  // namespace rasshost
