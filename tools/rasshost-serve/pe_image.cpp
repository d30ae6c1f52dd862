// PE headers and the export directory, as Microsoft's PE format
// specification lays them out (pe_image.hpp). Offsets are computed in 64
// bits and each read is checked against the file before it is made.
#include "pe_image.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace rasshost::serve {
namespace {

constexpr std::uint16_t machine_i386 = 0x014c;
constexpr std::uint16_t machine_amd64 = 0x8664;
constexpr std::uint16_t file_dll = 0x2000;
constexpr std::uint16_t magic_pe32 = 0x10b;
constexpr std::uint16_t magic_pe32_plus = 0x20b;
constexpr std::size_t section_header_size = 40;
constexpr std::size_t export_directory_size = 40;

class Bytes {
public:
    explicit Bytes(std::span<const std::byte> file) : file_(file) {}
    bool has(std::uint64_t at, std::uint64_t length) const noexcept {
        return at <= file_.size() && length <= file_.size() - at;
    }
    // Little-endian, whatever the machine reading it.
    std::uint32_t le(std::uint64_t at, unsigned width) const noexcept {
        std::uint32_t value = 0;
        for (unsigned i = 0; i < width; ++i)
            value |= std::to_integer<std::uint32_t>(file_[static_cast<std::size_t>(at) + i]) << (8 * i);
        return value;
    }
    std::span<const std::byte> from(std::uint64_t at) const noexcept {
        return file_.subspan(static_cast<std::size_t>(at));
    }

private:
    std::span<const std::byte> file_;
};

struct Layout {
    Bytes bytes;
    std::uint64_t sections = 0;  // offset of the first section header
    unsigned section_count = 0;
    std::uint32_t header_size = 0;  // SizeOfHeaders: RVAs below it are file offsets
};

// The file offset of `length` bytes at `rva`, if they lie in the file.
std::optional<std::uint64_t> offset_of(const Layout& layout, std::uint32_t rva, std::uint64_t length) {
    if (rva < layout.header_size && layout.bytes.has(rva, length)) return rva;
    for (unsigned i = 0; i < layout.section_count; ++i) {
        const std::uint64_t header = layout.sections + std::uint64_t{i} * section_header_size;
        const std::uint32_t address = layout.bytes.le(header + 12, 4);
        const std::uint32_t raw_size = layout.bytes.le(header + 16, 4);
        const std::uint32_t raw_at = layout.bytes.le(header + 20, 4);
        if (rva < address || rva - address >= raw_size) continue;
        const std::uint64_t within = rva - address;
        if (length > raw_size - within) return std::nullopt;
        const std::uint64_t at = std::uint64_t{raw_at} + within;
        return layout.bytes.has(at, length) ? std::optional(at) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> name_at(const Layout& layout, std::uint32_t rva) {
    const auto at = offset_of(layout, rva, 1);
    if (!at) return std::nullopt;
    const auto tail = layout.bytes.from(*at).first(std::min<std::size_t>(layout.bytes.from(*at).size(),
                                                                          max_pe_export_name + 1));
    const auto end = std::find(tail.begin(), tail.end(), std::byte{0});
    if (end == tail.end()) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(tail.data()), static_cast<std::size_t>(end - tail.begin()));
}

bool read_exports(const Layout& layout, std::uint32_t directory_rva, PeImage& image, std::string& why) {
    const auto directory = offset_of(layout, directory_rva, export_directory_size);
    if (!directory) {
        why = "its export directory lies outside the file";
        return false;
    }
    const std::uint32_t count = layout.bytes.le(*directory + 24, 4);
    const std::uint32_t names_rva = layout.bytes.le(*directory + 32, 4);
    if (count > max_pe_exports) {
        why = fmt::format("it claims {} exported names", count);
        return false;
    }
    image.exports.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint64_t entry_rva = std::uint64_t{names_rva} + 4 * std::uint64_t{i};
        const auto entry = entry_rva <= UINT32_MAX ? offset_of(layout, static_cast<std::uint32_t>(entry_rva), 4)
                                                   : std::nullopt;
        const auto name = entry ? name_at(layout, layout.bytes.le(*entry, 4)) : std::nullopt;
        if (!name) {
            why = fmt::format("exported name {} lies outside the file", i + 1);
            return false;
        }
        image.exports.push_back(*name);
    }
    return true;
}

}  // namespace

bool looks_like_pe(std::span<const std::byte> file) noexcept {
    return file.size() >= 2 && file[0] == std::byte{'M'} && file[1] == std::byte{'Z'};
}

std::optional<PeImage> read_pe_image(std::span<const std::byte> file, std::string& why) {
    const Bytes bytes(file);
    if (!looks_like_pe(file) || !bytes.has(0x3C, 4)) {
        why = "it is not a PE image (no MZ header)";
        return std::nullopt;
    }
    const std::uint64_t pe = bytes.le(0x3C, 4);
    if (!bytes.has(pe, 24 + 2) || bytes.le(pe, 4) != 0x00004550) {  // "PE\0\0", the file header, the magic
        why = "it has no PE signature where its MZ header points";
        return std::nullopt;
    }
    PeImage image;
    image.machine_code = static_cast<std::uint16_t>(bytes.le(pe + 4, 2));
    image.machine = image.machine_code == machine_i386    ? PeMachine::x86
                    : image.machine_code == machine_amd64 ? PeMachine::amd64
                                                          : PeMachine::other;
    image.dll = (bytes.le(pe + 22, 2) & file_dll) != 0;
    const std::uint64_t optional_header = pe + 24;
    const std::uint32_t optional_size = bytes.le(pe + 20, 2);
    const std::uint32_t magic = bytes.le(optional_header, 2);
    if (magic != magic_pe32 && magic != magic_pe32_plus) {
        why = fmt::format("its optional header has the unknown magic 0x{:x}", magic);
        return std::nullopt;
    }
    const std::uint64_t directories = magic == magic_pe32 ? 96 : 112;  // the data directories' offset
    Layout layout{bytes};
    layout.sections = optional_header + optional_size;
    layout.section_count = bytes.le(pe + 6, 2);
    if (optional_size < directories || !bytes.has(optional_header, optional_size) ||
        !bytes.has(layout.sections, std::uint64_t{layout.section_count} * section_header_size)) {
        why = "its headers are cut short";
        return std::nullopt;
    }
    layout.header_size = bytes.le(optional_header + 60, 4);
    const std::uint32_t directory_count = bytes.le(optional_header + directories - 4, 4);
    if (directory_count == 0 || optional_size < directories + 8) return image;  // no export directory
    const std::uint32_t export_rva = bytes.le(optional_header + directories, 4);
    if (export_rva == 0) return image;
    if (!read_exports(layout, export_rva, image, why)) return std::nullopt;
    return image;
}

std::string missing_security_exports(const PeImage& image) {
    const auto has = [&](std::string_view name, unsigned argument_bytes) {
        const std::array<std::string, 3> spellings{std::string(name), fmt::format("_{}@{}", name, argument_bytes),
                                                   fmt::format("{}@{}", name, argument_bytes)};
        return std::any_of(image.exports.begin(), image.exports.end(), [&](const std::string& e) {
            return std::find(spellings.begin(), spellings.end(), e) != spellings.end();
        });
    };
    const bool begin = has("RasSecurityDialogBegin", 24), end = has("RasSecurityDialogEnd", 4);
    if (begin && end) return {};
    if (!begin && !end) return "RasSecurityDialogBegin and RasSecurityDialogEnd";
    return begin ? "RasSecurityDialogEnd" : "RasSecurityDialogBegin";
}

std::string describe_machine(const PeImage& image) {
    switch (image.machine) {
    case PeMachine::x86: return "32-bit x86";
    case PeMachine::amd64: return "64-bit x86-64";
    case PeMachine::other: break;
    }
    return fmt::format("machine 0x{:04x}", image.machine_code);
}

}  // namespace rasshost::serve
