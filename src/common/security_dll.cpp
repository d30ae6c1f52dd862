#include "common/security_dll.hpp"

#include "common/backend.hpp"

#include <rasshost/log_escape.hpp>

#include <fmt/format.h>

namespace rasshost {
namespace {

// The plain name, then the 32-bit stdcall decorations
// (docs/decisions.md#calling-convention-and-linkage); on other
// targets the decorated names simply do not exist.
FARPROC find_export(HMODULE module, const char* name, int argument_bytes) {
    if (FARPROC proc = GetProcAddress(module, name)) return proc;
    const auto decorated = fmt::format("_{}@{}", name, argument_bytes);
    if (FARPROC proc = GetProcAddress(module, decorated.c_str())) return proc;
    return GetProcAddress(module, decorated.c_str() + 1);
}

template <class Function>
Function function_cast(FARPROC proc) {
    // Through void(*)(): the one function type every other converts to
    // without a -Wcast-function-type warning.
    return reinterpret_cast<Function>(reinterpret_cast<void (*)()>(proc));
}

}  // namespace

LoadedSecurityDll load_security_dll(const std::filesystem::path& path) {
    const auto name = path.string();
    backend::provide_rasman();  // before DllMain runs: legacy DLLs load rasman there
    HMODULE module = backend::load_library(path);
    if (module == nullptr) {
        const DWORD error = GetLastError();
        const auto reason = backend::load_error_reason(error, name);
        const auto why = reason.empty() ? fmt::format("error {}", error)
                                        : fmt::format("{} (error {})", log_escape(reason), error);
        throw HostError(fmt::format("cannot load security DLL {}: {}", log_escape(name), why));
    }
    FARPROC begin = find_export(module, "RasSecurityDialogBegin", 24);
    FARPROC end = find_export(module, "RasSecurityDialogEnd", 4);
    if (begin == nullptr || end == nullptr) {
        FreeLibrary(module);
        throw HostError(fmt::format("security DLL {} does not export {}", name,
                                    begin == nullptr ? "RasSecurityDialogBegin" : "RasSecurityDialogEnd"));
    }
    return {module, {function_cast<RASSHOST_PFN_BEGIN>(begin), function_cast<RASSHOST_PFN_END>(end)}};
}

}  // namespace rasshost
