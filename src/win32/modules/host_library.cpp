// The host loads its security DLL by the file's native (UTF-16) name, so a
// name beyond the ANSI code page loads too.
#include "common/backend.hpp"

namespace rasshost::backend {

HMODULE load_library(const std::filesystem::path& file) { return LoadLibraryW(file.c_str()); }

}  // namespace rasshost::backend
