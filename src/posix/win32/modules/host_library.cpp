// The host loads its security DLL by the file's native name: UTF-8 bytes,
// given to the loader as they are (LoadLibraryA would read them in the ANSI
// code page).
#include "common/backend.hpp"
#include "posix/win32/modules/module_load.hpp"

namespace rasshost::backend {

HMODULE load_library(const std::filesystem::path& file) { return posix::load_library(file.native()); }

}  // namespace rasshost::backend
