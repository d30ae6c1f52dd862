// registered_security_dll(): the DLLPath value RAS itself reads, from the
// system registry on Windows and from the registry file on POSIX
// (docs/decisions.md#choosing-the-dll).
#include <rasshost/registration.hpp>
#include <rasshost/win32.h>

#include <vector>

namespace rasshost {

std::optional<std::string> registered_security_dll() {
    constexpr const char* key = "SOFTWARE\\Microsoft\\RAS\\SecurityHost";
    // RRF_RT_REG_SZ alone: RegGetValue expands a REG_EXPAND_SZ and then
    // reports it as REG_SZ. (Adding RRF_RT_REG_EXPAND_SZ without
    // RRF_NOEXPAND is ERROR_INVALID_PARAMETER.)
    constexpr DWORD flags = RRF_RT_REG_SZ;
    DWORD size = 0;
    LSTATUS status = RegGetValueA(HKEY_LOCAL_MACHINE, key, "DLLPath", flags, nullptr, nullptr, &size);
    // The value may change between the size query and the read, and an
    // expansion may need more than the stored size: retry while it grows.
    std::vector<char> value;
    for (int attempt = 0; attempt < 4 && (status == ERROR_SUCCESS || status == ERROR_MORE_DATA); ++attempt) {
        value.assign(size + 1, '\0');
        size = static_cast<DWORD>(value.size());
        status = RegGetValueA(HKEY_LOCAL_MACHINE, key, "DLLPath", flags, nullptr, value.data(), &size);
        if (status == ERROR_SUCCESS) {
            value.back() = '\0';
            std::string path(value.data());
            if (path.empty()) return std::nullopt;
            return path;
        }
    }
    return std::nullopt;
}

}  // namespace rasshost
