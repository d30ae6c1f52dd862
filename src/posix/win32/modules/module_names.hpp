// How LoadLibrary / GetModuleHandle names map to files and modules on POSIX.
#pragma once

#include <rasshost/win32.h>

#include <string>
#include <string_view>
#include <vector>

namespace rasshost::posix {

// The name without its directory ('/' or '\\') and without a ".dll"
// extension (any letter case), lower-cased: what Windows compares when it
// looks for an already loaded module.
std::string module_stem(std::string_view name);

// True for "rasman.dll" in any letter case, with or without a path or the
// extension: the host's pseudo-module (docs/decisions.md#rasman-pseudo-module).
bool names_rasman(std::string_view name);

// What dlopen tries, in order: the name as given, then lib<stem>.so in the
// same directory (dir/token.dll -> dir/libtoken.so, token -> libtoken.so).
// Exported for rasshost-serve, which looks for a bare --dll name by them.
RASSHOST_API std::vector<std::string> dlopen_candidates(std::string_view name);

// Lower-cased names a loaded file answers to in GetModuleHandle: its path,
// its file name, and <x> for a file named lib<x>.so.
std::vector<std::string> file_aliases(std::string_view path);

std::string ascii_lowercase(std::string_view text);

// Whether an HMODULE names a module that is loaded now (module.cpp).
bool is_loaded_module(HMODULE module) noexcept;

}  // namespace rasshost::posix
