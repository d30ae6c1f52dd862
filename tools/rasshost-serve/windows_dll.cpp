// check_windows_dll (windows_dll.hpp).
#include "windows_dll.hpp"

#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>

#include <fmt/format.h>

#include <fstream>
#include <vector>

namespace rasshost::serve {
namespace {

// More than any security DLL; a longer file is read this far, and an image
// whose exports lie beyond is refused as cut short.
constexpr std::size_t max_read = 64u << 20;
constexpr std::size_t exports_listed = 16;

std::vector<std::byte> read_head(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::vector<std::byte> bytes;
    if (!file) return bytes;
    char chunk[65536];
    while (bytes.size() < max_read && file.read(chunk, sizeof chunk).gcount() > 0) {
        const auto n = static_cast<std::size_t>(file.gcount());
        const auto* first = reinterpret_cast<const std::byte*>(chunk);
        bytes.insert(bytes.end(), first, first + std::min(n, max_read - bytes.size()));
    }
    return bytes;
}

std::string listed_exports(const PeImage& image) {
    if (image.exports.empty()) return "it exports nothing";
    std::string list;
    for (std::size_t i = 0; i < image.exports.size() && i < exports_listed; ++i)
        list += (i ? ", " : "") + rasshost::log_escape(image.exports[i]);
    if (image.exports.size() > exports_listed) list += fmt::format(" and {} more", image.exports.size() - exports_listed);
    return "it exports " + list;
}

}  // namespace

std::optional<PeImage> check_windows_dll(const std::string& path) {
    const auto bytes = read_head(path);
    if (!looks_like_pe(bytes)) return std::nullopt;
    const auto name = rasshost::log_escape(path);
    std::string why;
    auto image = read_pe_image(bytes, why);
    if (!image) throw HostError(fmt::format("cannot load security DLL {}: a broken Windows DLL: {}", name, why));
    if (!image->dll)
        throw HostError(fmt::format("cannot load security DLL {}: a Windows program ({}), not a DLL", name,
                                    describe_machine(*image)));
    if (image->machine == PeMachine::other)
        throw HostError(fmt::format("cannot load security DLL {}: a Windows DLL for {}, neither x86 nor x86-64", name,
                                    describe_machine(*image)));
    if (const auto missing = missing_security_exports(*image); !missing.empty())
        throw HostError(fmt::format("cannot load security DLL {}: a {} Windows DLL without {}, which a RAS server "
                                    "calls; {}",
                                    name, describe_machine(*image), missing, listed_exports(*image)));
    return image;
}

}  // namespace rasshost::serve
