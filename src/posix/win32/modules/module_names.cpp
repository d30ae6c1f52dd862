#include "posix/win32/modules/module_names.hpp"

namespace rasshost::posix {
namespace {

std::size_t base_name_start(std::string_view name) {
    const auto slash = name.find_last_of("/\\");
    return slash == std::string_view::npos ? 0 : slash + 1;
}

bool ends_with_dll(std::string_view name) {
    return name.size() >= 4 && ascii_lowercase(name.substr(name.size() - 4)) == ".dll";
}

}  // namespace

std::string ascii_lowercase(std::string_view text) {
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

std::string module_stem(std::string_view name) {
    name.remove_prefix(base_name_start(name));
    if (ends_with_dll(name)) name.remove_suffix(4);
    return ascii_lowercase(name);
}

bool names_rasman(std::string_view name) { return module_stem(name) == "rasman"; }

std::vector<std::string> dlopen_candidates(std::string_view name) {
    std::vector<std::string> candidates{std::string(name)};
    const auto base = base_name_start(name);
    std::string_view stem = name.substr(base);
    if (ends_with_dll(stem)) stem.remove_suffix(4);
    if (stem.empty()) return candidates;
    std::string library(name.substr(0, base));
    library += "lib";
    library += stem;
    library += ".so";
    if (library != name) candidates.push_back(std::move(library));
    return candidates;
}

std::vector<std::string> file_aliases(std::string_view path) {
    std::vector<std::string> aliases{ascii_lowercase(path)};
    const std::string file = ascii_lowercase(path.substr(base_name_start(path)));
    aliases.push_back(file);
    if (file.size() > 6 && file.starts_with("lib") && file.ends_with(".so"))
        aliases.push_back(file.substr(3, file.size() - 6));
    return aliases;
}

}  // namespace rasshost::posix
