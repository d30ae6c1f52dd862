// serve_foreign_dll on Windows: a PE DLL is the platform's own (foreign_dll.hpp).
#include "foreign_dll.hpp"

namespace rasshost::serve {

std::string local_dll_file(const Options& options) { return options.dll; }

std::optional<int> serve_foreign_dll(const Options&, const std::vector<std::string_view>&, const PeImage&,
                                     const std::string&) {
    return std::nullopt;
}

}  // namespace rasshost::serve
