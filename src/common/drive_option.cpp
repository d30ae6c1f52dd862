// "--drive C:=DIR": the one textual form of a drive mapping, for
// rasshost-serve and embedders that read their own configuration.
#include <rasshost/drives.hpp>

#include <stdexcept>
#include <string>

namespace rasshost {

bool map_drive_option(std::string_view option) {
    const bool letter = option.size() >= 3 && ((option[0] >= 'A' && option[0] <= 'Z') ||
                                               (option[0] >= 'a' && option[0] <= 'z'));
    if (!letter || option[1] != ':' || option[2] != '=')
        throw std::invalid_argument("a drive mapping is LETTER:=DIRECTORY, e.g. C:=/srv/c (got \"" +
                                    std::string(option) + "\")");
    if (option.size() == 3) throw std::invalid_argument("a drive mapping needs a directory after '='");
    return map_drive(option[0], std::filesystem::path(std::string(option.substr(3))));
}

}  // namespace rasshost
