// On Windows the drives are the system's: the mapping calls change nothing.
#include <rasshost/drives.hpp>

#include <stdexcept>
#include <string>

namespace rasshost {
namespace {

void check_letter(char letter) {
    const bool ok = (letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z');
    if (!ok) throw std::invalid_argument(std::string("not a drive letter: ") + letter);
}

}  // namespace

bool map_drive(char letter, const std::filesystem::path& directory) {
    check_letter(letter);
    if (directory.empty()) throw std::invalid_argument("map_drive: an empty directory");
    return false;
}

bool unmap_drive(char letter) {
    check_letter(letter);
    return false;
}

std::optional<std::filesystem::path> drive_directory(char) { return std::nullopt; }

}  // namespace rasshost
