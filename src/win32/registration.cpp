// registered_security_dll(): the DLLPath value RAS itself reads (spec 3.1).
#include <rasshost/registration.hpp>
#include <rasshost/win32.h>

#include <vector>

namespace rasshost {

std::optional<std::string> registered_security_dll() {
    DWORD type = 0;
    DWORD size = 0;
    constexpr const char* key = "SOFTWARE\\Microsoft\\RAS\\SecurityHost";
    // RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ: RegGetValue expands the latter.
    constexpr DWORD flags = RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ;
    if (RegGetValueA(HKEY_LOCAL_MACHINE, key, "DLLPath", flags, &type, nullptr, &size) != ERROR_SUCCESS || size <= 1)
        return std::nullopt;
    std::vector<char> value(size);
    if (RegGetValueA(HKEY_LOCAL_MACHINE, key, "DLLPath", flags, &type, value.data(), &size) != ERROR_SUCCESS)
        return std::nullopt;
    std::string path(value.data());
    if (path.empty()) return std::nullopt;
    return path;
}

}  // namespace rasshost
