// Connects this host to the rasman.dll shim (src/win32/modules/rasman/), so that a
// security DLL's LoadLibrary("RASMAN.DLL") + GetProcAddress reach the
// host's Send/Receive/GetInfo.
//
// The shim is loaded here by full path from the host program's directory,
// where the build and the install put it. Once a module named rasman.dll is loaded, Windows answers
// every later LoadLibrary("RASMAN.DLL") with it, whatever the search path,
// so the DLL gets the shim even if the system had a rasman.dll of its own.
#include "common/backend.hpp"

#include <rasshost/host.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace rasshost::backend {
namespace {

using Register = DWORD(WINAPI*)(RASSHOST_PFN_SEND, RASSHOST_PFN_RECEIVE, RASSHOST_PFN_GETINFO);

std::filesystem::path module_directory(HMODULE module) {
    std::wstring buffer(MAX_PATH, L'\0');
    for (;;) {
        const DWORD length = GetModuleFileNameW(module, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (length == 0) return {};
        if (length < buffer.size()) {
            buffer.resize(length);
            return std::filesystem::path(buffer).parent_path();
        }
        buffer.resize(buffer.size() * 2);  // truncated: try a larger buffer
    }
}

HMODULE load_shim() {
    if (HMODULE loaded = GetModuleHandleW(L"rasman.dll")) return loaded;
    const auto path = module_directory(nullptr) / L"rasman.dll";
    HMODULE module = LoadLibraryExW(path.c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (module == nullptr)
        throw HostError(fmt::format("cannot load the rasman.dll shim {} (error {}): it must sit next to the host program",
                                    path.string(), GetLastError()));
    return module;
}

}  // namespace

void provide_rasman() {
    static std::mutex once;
    std::lock_guard lock(once);
    const HMODULE shim = load_shim();  // never freed: DLLs may hold its functions until exit
    const auto register_host = reinterpret_cast<Register>(
        reinterpret_cast<void (*)()>(GetProcAddress(shim, "RasshostRegisterHost")));
    if (register_host == nullptr)
        throw HostError("the loaded rasman.dll is not rasshost's shim (no RasshostRegisterHost export)");
    if (register_host(&RasSecurityDialogSend, &RasSecurityDialogReceive, &RasSecurityDialogGetInfo) != NO_ERROR)
        throw HostError("rasman.dll shim refused the host's functions");
}

}  // namespace rasshost::backend
