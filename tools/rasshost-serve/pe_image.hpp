// What rasshost-serve needs to know of a Windows DLL before it hands it to
// a Windows host under Wine: that the file is a PE image, for which machine,
// and which names it exports. Read from the file's bytes alone (nothing is
// loaded or run); every offset and count in them is checked against the
// file, which may be anything. docs/wine-host.md says how it is used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rasshost::serve {

enum class PeMachine { x86, amd64, other };  // i386 would be a macro on 32-bit GCC

struct PeImage {
    PeMachine machine = PeMachine::other;
    std::uint16_t machine_code = 0;  // IMAGE_FILE_HEADER.Machine
    bool dll = false;                // IMAGE_FILE_DLL
    std::vector<std::string> exports;  // the export directory's names, in its order
};

// Limits on what is read: a DLL's export names are short and few.
inline constexpr std::size_t max_pe_exports = 65536;
inline constexpr std::size_t max_pe_export_name = 1024;

// True if the file starts as a PE image does ("MZ"): such a file is given to
// read_pe_image, anything else to the platform's own loader.
bool looks_like_pe(std::span<const std::byte> file) noexcept;

// The image's machine and export names, or nullopt with `why` saying what
// is wrong with the file (truncated, a bad signature, an offset outside it).
std::optional<PeImage> read_pe_image(std::span<const std::byte> file, std::string& why);

// The exports a RAS server calls: RasSecurityDialogBegin and End, plain or
// with a 32-bit stdcall decoration (_RasSecurityDialogBegin@24), as the
// host looks them up. Empty when both are there; else what is missing.
std::string missing_security_exports(const PeImage& image);

// "PE32 (x86)", "PE32+ (x86-64)" or the machine code: for messages.
std::string describe_machine(const PeImage& image);

}  // namespace rasshost::serve
