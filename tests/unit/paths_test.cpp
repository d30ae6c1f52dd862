// Windows paths: the directories GetTempPathA, GetCurrentDirectoryA,
// GetWindowsDirectoryA and GetSystemDirectoryA report and their buffer
// rules, GetModuleFileNameA's form and truncation, MAX_PATH; and, on POSIX,
// the drive mapping (rasshost/drives.hpp) with its case-insensitive lookup.
#include <doctest/doctest.h>
#include <rasshost/drives.hpp>
#include <rasshost/win32.h>

#include "scratch_directory.hpp"
#include "support/platform_cases.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace {

bool same_ignoring_case(const std::string& a, const std::string& b) {
    return a.size() == b.size() && lstrcmpiA(a.c_str(), b.c_str()) == 0;
}

bool is_windows_form(const std::string& path) {
    return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' && path[2] == '\\';
}

}  // namespace

TEST_CASE("GetTempPathA: a directory with a trailing backslash, or the size it needs") {
    char buffer[MAX_PATH];
    const DWORD length = GetTempPathA(MAX_PATH, buffer);
    REQUIRE(length > 0);
    CHECK(length == std::strlen(buffer));
    CHECK(is_windows_form(buffer));
    CHECK(buffer[length - 1] == '\\');
    char small[2] = {'?', '?'};
    CHECK(GetTempPathA(sizeof small, small) == length + 1);
    CHECK(GetFileAttributesA(buffer) != INVALID_FILE_ATTRIBUTES);
}

TEST_CASE("GetCurrentDirectoryA: the current directory in Windows form") {
    char buffer[MAX_PATH];
    const DWORD length = GetCurrentDirectoryA(MAX_PATH, buffer);
    REQUIRE(length > 0);
    CHECK(is_windows_form(buffer));
    CHECK(GetCurrentDirectoryA(0, nullptr) == length + 1);
    CHECK((GetFileAttributesA(buffer) & FILE_ATTRIBUTE_DIRECTORY) != 0);
}

TEST_CASE("GetWindowsDirectoryA and GetSystemDirectoryA: C:\\WINDOWS and its system32") {
    char buffer[MAX_PATH];
    const UINT length = GetWindowsDirectoryA(buffer, MAX_PATH);
    CHECK(length == 10u);
    CHECK(same_ignoring_case(buffer, "C:\\WINDOWS"));
    CHECK(GetWindowsDirectoryA(buffer, 3) == 11u);
    CHECK(GetSystemDirectoryA(buffer, MAX_PATH) == 19u);
    CHECK(same_ignoring_case(buffer, "C:\\WINDOWS\\system32"));
    WCHAR wide[MAX_PATH];
    CHECK(GetWindowsDirectoryW(wide, MAX_PATH) == 10u);
}

TEST_CASE("GetModuleFileNameA: the program in Windows form, nSize and ERROR_INSUFFICIENT_BUFFER when too long") {
    char full[MAX_PATH];
    const DWORD length = GetModuleFileNameA(nullptr, full, MAX_PATH);
    REQUIRE(length > 5);
    CHECK(is_windows_form(full));
    CHECK(std::strstr(full, "paths_test") != nullptr);
    char cut[5];
    SetLastError(0);
    CHECK(GetModuleFileNameA(nullptr, cut, sizeof cut) == sizeof cut);
    CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER);
    CHECK(std::string(cut, 4) == std::string(full, 4));
    WCHAR wide[MAX_PATH];
    CHECK(GetModuleFileNameW(nullptr, wide, MAX_PATH) == length);
}

// Windows Vista and later terminate the cut name within nSize (Microsoft's
// GetModuleFileNameA page); Wine's ANSI form leaves it unterminated, as
// Windows XP did.
TEST_CASE("GetModuleFileNameA: a cut name is terminated within nSize") {
    platform_cases::skip_under_wine("Wine's GetModuleFileNameA does not terminate a cut name");
    char full[MAX_PATH];
    REQUIRE(GetModuleFileNameA(nullptr, full, MAX_PATH) > 5);
    char cut[5] = {'x', 'x', 'x', 'x', 'x'};
    CHECK(GetModuleFileNameA(nullptr, cut, sizeof cut) == sizeof cut);
    CHECK(cut[4] == '\0');
    CHECK(std::string(cut) == std::string(full, 4));
}

TEST_CASE("a name longer than MAX_PATH: ERROR_FILENAME_EXCED_RANGE") {
    ScratchDirectory dir;
    const std::string name = dir / std::string(300, 'n');
    CHECK(GetFileAttributesA(name.c_str()) == INVALID_FILE_ATTRIBUTES);
    CHECK(GetLastError() == ERROR_FILENAME_EXCED_RANGE);
}

// Wine has no MAX_PATH limit on the full path; Windows refuses one of
// MAX_PATH characters or more that is given shorter (relative).
TEST_CASE("a full path of MAX_PATH or more from a shorter relative one: ERROR_PATH_NOT_FOUND") {
    platform_cases::skip_under_wine("Wine resolves full paths of any length");
    char current[MAX_PATH];
    REQUIRE(GetCurrentDirectoryA(MAX_PATH, current) > 0);
    const std::string name(MAX_PATH - std::strlen(current), 'r');
    CHECK(GetFileAttributesA(name.c_str()) == INVALID_FILE_ATTRIBUTES);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
}

// The drive mapping is the emulation's: on Windows the drives are the system's.
TEST_CASE("drive letters lead where they are mapped, and find names whatever their case" *
          platform_cases::posix_emulation_only) {
    const auto root = std::filesystem::temp_directory_path() / ("rasshost-drive-" + std::to_string(GetCurrentThreadId()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "acme");
    std::ofstream(root / "acme" / "Users.txt") << "alice";
    REQUIRE(rasshost::map_drive('c', root));
    CHECK(rasshost::drive_directory('C') == root);
    CHECK(ScratchDirectory::read("C:\\ACME\\USERS.TXT") == "alice");
    CHECK(ScratchDirectory::read("c:/acme/users.txt") == "alice");
    ScratchDirectory::write("C:\\ACME\\NewFile.TXT", "made");  // created with the case given
    CHECK(std::filesystem::exists(root / "acme" / "NewFile.TXT"));

    CHECK(GetFileAttributesA("Q:\\anything") == INVALID_FILE_ATTRIBUTES);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
    CHECK(rasshost::map_drive_option("Q:=" + (root / "acme").string()));
    CHECK(ScratchDirectory::read("Q:\\users.txt") == "alice");
    CHECK(rasshost::unmap_drive('Q'));
    CHECK(GetFileAttributesA("Q:\\users.txt") == INVALID_FILE_ATTRIBUTES);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
    CHECK_THROWS_AS(rasshost::map_drive_option("C=/tmp"), std::invalid_argument);
    CHECK_THROWS_AS(rasshost::map_drive('1', "/tmp"), std::invalid_argument);

    // The reverse: a POSIX path inside the most closely mapped drive.
    char temp_name[MAX_PATH];
    CHECK(GetTempFileNameA("C:\\acme", "t", 0x42, temp_name) == 0x42u);
    CHECK(std::string(temp_name) == "C:\\acme\\t42.tmp");
    rasshost::unmap_drive('C');
    std::filesystem::remove_all(root);
}

TEST_CASE("Z: is the POSIX root until changed" * platform_cases::posix_emulation_only) {
    CHECK(rasshost::drive_directory('Z') == std::filesystem::path("/"));
    CHECK((GetFileAttributesA("Z:\\tmp") & FILE_ATTRIBUTE_DIRECTORY) != 0);
    CHECK((GetFileAttributesA("Z:\\TMP") & FILE_ATTRIBUTE_DIRECTORY) != 0);
    CHECK((GetFileAttributesA("\\tmp") & FILE_ATTRIBUTE_DIRECTORY) != 0);  // the current drive's root
}
