// rasshost/registry.hpp - where the POSIX registry lives: a .reg file, the
// format regedit exports, so an administrator moves a DLL's settings from a
// Windows machine with one file (docs/porting.md#11-the-registry).
//
// On POSIX the registry (rasshost/win32.h: RegOpenKeyEx ...) is in memory
// and starts empty; these functions fill it from a file and save it back.
// On Windows the registry is the system's: they throw RegistryFileError.
#pragma once

#include "config.h"

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace rasshost {

/** A file that cannot be read, parsed or written. line() is the line of a
 *  parse error (1-based), 0 for the others. */
class RASSHOST_API RegistryFileError : public std::runtime_error {
public:
    RegistryFileError(const std::string& what, std::size_t line)
        : std::runtime_error(what), line_(line) {}
    std::size_t line() const noexcept { return line_; }

private:
    std::size_t line_;
};

/** Imports a .reg file (REGEDIT4, or "Windows Registry Editor Version 5.00"
 *  in UTF-16LE as regedit writes it, or UTF-8) into the process's registry,
 *  as regedit imports: its keys and values are added or replaced, [-KEY]
 *  and "name"=- delete. A file with a bad line changes nothing. */
RASSHOST_API void load_registry_file(const std::filesystem::path& path);

/** Writes the whole registry (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER,
 *  HKEY_USERS; volatile keys left out) as a version 5 file in UTF-16LE,
 *  atomically: to a temporary file in the same directory, then renamed. */
RASSHOST_API void save_registry_file(const std::filesystem::path& path);

/** Makes `path` the registry's file: imports it if it exists (a missing
 *  file is an empty registry), and from then on saves the registry to it
 *  after every change (docs/decisions.md#registry-file). */
RASSHOST_API void use_registry_file(const std::filesystem::path& path);

}  // namespace rasshost
