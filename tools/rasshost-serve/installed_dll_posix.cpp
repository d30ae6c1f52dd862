// installed_dll_file on POSIX (installed_dll.hpp).
#include "installed_dll.hpp"

#include "posix/win32/modules/module_names.hpp"

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#ifndef RASSHOST_BIN_TO_DLL_DIR
#  error "RASSHOST_BIN_TO_DLL_DIR: the way from the installed bin/ to <libdir>/rasshost (tools/rasshost-serve/CMakeLists.txt)"
#endif

namespace rasshost::serve {
namespace {

namespace fs = std::filesystem;

// The first file of the names LoadLibrary tries for `dll` (name, then
// lib<stem>.so) in `directory`; empty if there is none.
fs::path candidate_in(const fs::path& directory, const std::string& dll) {
    for (const auto& name : posix::dlopen_candidates(dll)) {
        std::error_code error;
        const fs::path file = directory / name;
        if (fs::is_regular_file(file, error)) return file;
    }
    return {};
}

// Whether today's places answer to `dll`: the current directory (a PE DLL
// is read from there, --isolate checks there) and LD_LIBRARY_PATH (which
// dlopen searches first).
bool found_as_given(const std::string& dll) {
    if (!candidate_in(".", dll).empty()) return true;
    const char* path = std::getenv("LD_LIBRARY_PATH");
    std::string_view rest = path != nullptr ? path : "";
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const std::string_view directory = rest.substr(0, colon);
        if (!directory.empty() && !candidate_in(fs::path(directory), dll).empty()) return true;
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
    return false;
}

}  // namespace

std::string installed_dll_directory() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) return {};
    return (self.parent_path() / RASSHOST_BIN_TO_DLL_DIR).lexically_normal().string();
}

std::string installed_dll_file(const std::string& dll) {
    if (dll.find_first_of("/\\") != std::string::npos || found_as_given(dll)) return dll;
    const std::string directory = installed_dll_directory();
    if (directory.empty()) return dll;
    const fs::path file = candidate_in(directory, dll);
    return file.empty() ? dll : file.string();
}

}  // namespace rasshost::serve
