// installed_dll_file on Windows (installed_dll.hpp): LoadLibrary's own
// search (the application directory, the system's) is the only one.
#include "installed_dll.hpp"

namespace rasshost::serve {

std::string installed_dll_file(const std::string& dll) { return dll; }
std::string installed_dll_directory() { return {}; }

}  // namespace rasshost::serve
