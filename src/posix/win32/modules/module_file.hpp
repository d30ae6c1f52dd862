// The file behind a module handle, for GetModuleFileName.
#pragma once

#include <rasshost/win32.h>

#include <optional>
#include <string>

namespace rasshost::posix {

struct ModuleFile {
    std::string posix;    // the loaded file (UTF-8), or empty when only `windows` applies
    std::string windows;  // set for the rasman pseudo-module: the name it has on Windows
};

// NULL names the program; nothing for an unknown or freed module.
std::optional<ModuleFile> module_file(HMODULE module);

}  // namespace rasshost::posix
