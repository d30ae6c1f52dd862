// The file behind a module handle (module_file.hpp): the program's, the
// rasman pseudo-module's Windows name, or the loaded shared object's.
#include "posix/win32/modules/module_file.hpp"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdlib>

#include "posix/win32/modules/module_library.hpp"

namespace rasshost::posix {
namespace {

// The program's file: the kernel's link to it.
std::string program_file() {
    std::string path(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
    path.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return path;
}

}  // namespace

std::optional<ModuleFile> module_file(HMODULE hModule) {
    const auto value = value_of(hModule);
    if (hModule == nullptr || value == main_program_value) return ModuleFile{program_file(), {}};
    if (value == rasman_value) return ModuleFile{{}, "C:\\WINDOWS\\system32\\rasman.dll"};
    const auto library = library_of(value);
    link_map* map = nullptr;
    if (!library || dlinfo(library->dl(), RTLD_DI_LINKMAP, &map) != 0 || map == nullptr || map->l_name == nullptr)
        return std::nullopt;
    char* real = ::realpath(map->l_name, nullptr);  // dlopen keeps the name as given, maybe relative
    ModuleFile file{real != nullptr ? real : map->l_name, {}};
    std::free(real);
    return file;
}

}  // namespace rasshost::posix
