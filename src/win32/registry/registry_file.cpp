// rasshost/registry.hpp on Windows: the registry is the system's, which
// regedit imports and exports; a host does not replace it with a file.
#include <rasshost/registry.hpp>

namespace rasshost {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path) {
    throw RegistryFileError(path.string() + ": Windows uses its own registry (import the file with regedit)", 0);
}

}  // namespace

void load_registry_file(const std::filesystem::path& path) { refuse(path); }
void save_registry_file(const std::filesystem::path& path) { refuse(path); }
void use_registry_file(const std::filesystem::path& path) { refuse(path); }

}  // namespace rasshost
