// serve_foreign_dll on Windows: a PE DLL is the platform's own (foreign_dll.hpp).
#include "foreign_dll.hpp"

namespace rasshost::serve {

std::optional<int> serve_foreign_dll(const Options&, const std::vector<std::string_view>&, const PeImage&) {
    return std::nullopt;
}

}  // namespace rasshost::serve
