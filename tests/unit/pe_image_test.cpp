// rasshost-serve's reader of Windows DLL headers (tools/rasshost-serve/
// pe_image.hpp): machine and export names of images built here byte by byte
// as the PE format lays them out, every cut and many corruptions of them,
// and, in the Windows build, the DLLs the build itself links.
#include <doctest/doctest.h>

#include "pe_image.hpp"
#include "windows_dll.hpp"

#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>

#include <filesystem>
#include <random>

#include <rasshost/config.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using rasshost::serve::describe_machine;
using rasshost::serve::missing_security_exports;
using rasshost::serve::PeImage;
using rasshost::serve::PeMachine;
using rasshost::serve::read_pe_image;

namespace {

// A DLL of one section holding its export directory and the names: the
// smallest image the PE format allows, as a linker lays it out.
std::vector<std::byte> make_dll(bool pe32_plus, const std::vector<std::string>& names) {
    std::vector<std::byte> image(0x400 + 64 * names.size());
    const auto put = [&](std::size_t at, std::uint32_t value, unsigned width) {
        for (unsigned i = 0; i < width; ++i) image[at + i] = static_cast<std::byte>(value >> (8 * i));
    };
    put(0, 'M' | 'Z' << 8, 2);
    put(0x3C, 0x40, 4);                                     // e_lfanew
    put(0x40, 0x00004550, 4);                               // "PE\0\0"
    put(0x44, pe32_plus ? 0x8664 : 0x014c, 2);              // Machine
    put(0x46, 1, 2);                                        // NumberOfSections
    const std::uint32_t optional_size = pe32_plus ? 240 : 224;
    put(0x54, optional_size, 2);                            // SizeOfOptionalHeader
    put(0x56, 0x2102, 2);                                   // DLL, 32BIT_MACHINE, EXECUTABLE_IMAGE
    const std::size_t optional = 0x58, directories = optional + (pe32_plus ? 112 : 96);
    put(optional, pe32_plus ? 0x20b : 0x10b, 2);
    put(optional + 60, 0x200, 4);                           // SizeOfHeaders
    put(directories - 4, 16, 4);                            // NumberOfRvaAndSizes
    put(directories, 0x1000, 4);                            // the export directory's RVA
    put(directories + 4, 40, 4);
    const std::size_t section = optional + optional_size;
    std::memcpy(&image[section], ".edata", 6);
    put(section + 8, static_cast<std::uint32_t>(image.size() - 0x200), 4);   // VirtualSize
    put(section + 12, 0x1000, 4);                                             // VirtualAddress
    put(section + 16, static_cast<std::uint32_t>(image.size() - 0x200), 4);  // SizeOfRawData
    put(section + 20, 0x200, 4);                                              // PointerToRawData
    const std::size_t directory = 0x200, table = directory + 40;
    put(directory + 24, static_cast<std::uint32_t>(names.size()), 4);  // NumberOfNames
    put(directory + 32, 0x1000 + 40, 4);                               // AddressOfNames
    std::size_t text = table + 4 * names.size();
    for (std::size_t i = 0; i < names.size(); ++i) {
        put(table + 4 * i, static_cast<std::uint32_t>(0x1000 + text - 0x200), 4);
        std::memcpy(&image[text], names[i].data(), names[i].size());
        text += names[i].size() + 1;
    }
    return image;
}

std::optional<PeImage> read(const std::vector<std::byte>& bytes, std::string& why) {
    return read_pe_image(std::span<const std::byte>(bytes), why);
}

}  // namespace

TEST_CASE("a 32-bit DLL exporting the entry points undecorated, as the SDK's .def files do") {
    std::string why;
    const auto image = read(make_dll(false, {"DllMain", "RasSecurityDialogBegin", "RasSecurityDialogEnd"}), why);
    REQUIRE(image);
    CHECK(image->machine == PeMachine::x86);
    CHECK(image->dll);
    CHECK(image->exports == std::vector<std::string>{"DllMain", "RasSecurityDialogBegin", "RasSecurityDialogEnd"});
    CHECK(missing_security_exports(*image).empty());
    CHECK(describe_machine(*image) == "32-bit x86");
}

TEST_CASE("stdcall-decorated entry points count, a missing one is named") {
    std::string why;
    const auto decorated = read(make_dll(true, {"_RasSecurityDialogBegin@24", "RasSecurityDialogEnd@4"}), why);
    REQUIRE(decorated);
    CHECK(decorated->machine == PeMachine::amd64);
    CHECK(describe_machine(*decorated) == "64-bit x86-64");
    CHECK(missing_security_exports(*decorated).empty());
    CHECK(missing_security_exports(*read(make_dll(false, {"RasSecurityDialogBegin"}), why)) == "RasSecurityDialogEnd");
    CHECK(missing_security_exports(*read(make_dll(false, {"_RasSecurityDialogEnd@4"}), why)) ==
          "RasSecurityDialogBegin");
    CHECK(missing_security_exports(*read(make_dll(false, {"RasSecurityDialogBegin@20", "Other"}), why)) ==
          "RasSecurityDialogBegin and RasSecurityDialogEnd");
    CHECK(missing_security_exports(*read(make_dll(false, {}), why)) == "RasSecurityDialogBegin and RasSecurityDialogEnd");
}

TEST_CASE("every cut of an image is read or refused with a reason, never past its end") {
    const auto whole = make_dll(false, {"RasSecurityDialogBegin", "RasSecurityDialogEnd"});
    std::size_t refused = 0;
    for (std::size_t size = 0; size < whole.size(); ++size) {
        const std::vector<std::byte> cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(size));
        std::string why;
        const auto image = read(cut, why);
        INFO("cut at " << size);
        CHECK(image.has_value() == why.empty());
        refused += image ? 0 : 1;
    }
    CHECK(refused > 0x200);  // every cut before the names' last byte
}

TEST_CASE("corrupt headers are refused with what is wrong") {
    const auto refusal = [](std::vector<std::byte> bytes, std::size_t at, std::uint32_t value) {
        for (unsigned i = 0; i < 4; ++i) bytes[at + i] = static_cast<std::byte>(value >> (8 * i));
        std::string why;
        CHECK_FALSE(read_pe_image(std::span<const std::byte>(bytes), why));
        return why;
    };
    const auto good = make_dll(false, {"RasSecurityDialogBegin", "RasSecurityDialogEnd"});
    CHECK(refusal(good, 0, 0x00005A4E) == "it is not a PE image (no MZ header)");
    CHECK(refusal(good, 0x3C, 0xFFFFFFF0) == "it has no PE signature where its MZ header points");
    CHECK(refusal(good, 0x58, 0x0000010c) == "its optional header has the unknown magic 0x10c");
    CHECK(refusal(good, 0x46, 0x0000ffff) == "its headers are cut short");  // 65535 sections
    CHECK(refusal(good, 0x58 + 96, 0x7fff0000) == "its export directory lies outside the file");
    CHECK(refusal(good, 0x200 + 24, 0x00100000) == "it claims 1048576 exported names");
    CHECK(refusal(good, 0x200 + 32, 0xFFFFFFFC) == "exported name 1 lies outside the file");
    CHECK(refusal(good, 0x200 + 40, 0x00002000) == "exported name 1 lies outside the file");
    std::string why;
    CHECK_FALSE(read_pe_image({}, why));
}

TEST_CASE("an image without an export directory has no exports") {
    auto bytes = make_dll(false, {"RasSecurityDialogBegin"});
    bytes[0x58 + 96] = bytes[0x58 + 97] = bytes[0x58 + 98] = bytes[0x58 + 99] = std::byte{0};
    std::string why;
    const auto image = read(bytes, why);
    REQUIRE(image);
    CHECK(image->exports.empty());
}

TEST_CASE("the security DLL this build links exports what the host looks up, for this machine" *
          doctest::skip(RASSHOST_OS_WINDOWS == 0)) {  // elsewhere the build makes no PE files
    std::ifstream file(std::string(RASSHOST_TEST_FIXTURE_DIR) + "/greeter.dll", std::ios::binary);
    REQUIRE(file);
    const std::vector<char> chars{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    std::vector<std::byte> bytes(chars.size());
    std::memcpy(bytes.data(), chars.data(), chars.size());
    std::string why;
    const auto image = read(bytes, why);
    REQUIRE_MESSAGE(image, why);
    CHECK(image->dll);
    CHECK(image->machine == (sizeof(void*) == 8 ? PeMachine::amd64 : PeMachine::x86));
    CHECK(missing_security_exports(*image).empty());
}

TEST_CASE("rasshost-serve refuses a Windows DLL without the entry points, naming what it exports") {
    // Native paths, as a command line gives them.
    const auto dir = std::filesystem::temp_directory_path() /
                     ("rasshost-pe-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directory(dir);
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() { std::filesystem::remove_all(dir); }
    } cleanup{dir};
    const auto write = [&](const std::string& name, const std::vector<std::byte>& bytes) {
        const std::string path = (dir / name).string();
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                    static_cast<std::streamsize>(bytes.size()));
        return path;
    };
    const auto refusal = [](const std::string& path) -> std::string {
        try {
            rasshost::serve::check_windows_dll(path);
        } catch (const rasshost::HostError& error) {
            return error.what();
        }
        return "accepted";
    };
    const auto good = write("GOOD.DLL", make_dll(false, {"RasSecurityDialogBegin", "RasSecurityDialogEnd"}));
    const auto image = rasshost::serve::check_windows_dll(good);
    REQUIRE(image);
    CHECK(image->machine == PeMachine::x86);
    const auto tokens = write("TOKENS.DLL", make_dll(false, {"InitToken", "CheckToken\x1b[2J"}));
    CHECK(refusal(tokens) == "cannot load security DLL " + rasshost::log_escape(tokens) +
                                 ": a 32-bit x86 Windows DLL without RasSecurityDialogBegin and RasSecurityDialogEnd, "
                                 "which a RAS server calls; it exports InitToken, CheckToken\\x1b[2J");
    CHECK(refusal(write("HALF.DLL", make_dll(true, {"RasSecurityDialogBegin"}))).find(
              "a 64-bit x86-64 Windows DLL without RasSecurityDialogEnd,") != std::string::npos);
    auto cut = make_dll(false, {"RasSecurityDialogBegin", "RasSecurityDialogEnd"});
    cut.resize(0x210);
    CHECK(refusal(write("CUT.DLL", cut)).find(": a broken Windows DLL: its export directory lies outside the file") !=
          std::string::npos);
    auto program = make_dll(false, {"RasSecurityDialogBegin", "RasSecurityDialogEnd"});
    program[0x57] = std::byte{0};  // IMAGE_FILE_DLL off
    CHECK(refusal(write("PROG.EXE", program)).find("a Windows program (32-bit x86), not a DLL") != std::string::npos);
    CHECK_FALSE(rasshost::serve::check_windows_dll(write("libnative.so", {std::byte{0x7f}, std::byte{'E'}})));
    CHECK_FALSE(rasshost::serve::check_windows_dll((dir / "missing.dll").string()));
}
