// INI files: values with Windows' trimming and quote removal, sections and
// keys in any letter case, the truncation return values, the key-name and
// section-name listings, integers, writes that keep the other lines, and
// the Windows directory for a name without a path.
#include <doctest/doctest.h>
#include <rasshost/drives.hpp>
#include <rasshost/win32.h>

#include "scratch_directory.hpp"
#include "support/platform_cases.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

const char* const sample =
    "; settings of the ACME token DLL\r\n"
    "[Settings]\r\n"
    "Name = Alice   \r\n"
    "Quoted=\"  spaced  \"\r\n"
    "Single='x'\r\n"
    "Count=42\r\n"
    "Hex=0x1F\r\n"
    "Negative=-7\r\n"
    "Empty=\r\n"
    "NoEquals\r\n"
    "\r\n"
    "[settings]\r\n"
    "Other=1\r\n"
    "[Second]\r\n"
    "A=1\r\n"
    "B=2\r\n";

std::string get(const std::string& file, const char* section, const char* key, const char* fallback = "") {
    char buffer[256];
    const DWORD n = GetPrivateProfileStringA(section, key, fallback, buffer, sizeof buffer, file.c_str());
    return std::string(buffer, n);
}

std::string list(const std::string& file, const char* section, DWORD size, DWORD* returned) {
    char buffer[256] = {};
    *returned = GetPrivateProfileStringA(section, nullptr, "", buffer, size, file.c_str());
    return std::string(buffer, size < sizeof buffer ? size : sizeof buffer);
}

struct SampleFile {
    ScratchDirectory dir;
    std::string file = dir / "acme.ini";
    SampleFile() { ScratchDirectory::write(file, sample); }
};

}  // namespace

TEST_CASE("values: letter case ignored, spaces trimmed, surrounding quotes removed") {
    SampleFile ini;
    CHECK(get(ini.file, "SETTINGS", "name") == "Alice");
    CHECK(get(ini.file, "  Settings ", " Name ") == "Alice");
    CHECK(get(ini.file, "Settings", "Quoted") == "  spaced  ");
    CHECK(get(ini.file, "Settings", "Single") == "x");
    CHECK(get(ini.file, "Settings", "Empty", "default") == "");
    CHECK(get(ini.file, "Settings", "Other", "none") == "none");  // only the first [settings] counts
    CHECK(get(ini.file, "Settings", "Missing", "fallback   ") == "fallback");
    CHECK(get(ini.file, "Nowhere", "Name", nullptr) == "");
    CHECK(get(ini.file + ".missing", "Settings", "Name", "absent") == "absent");
}

TEST_CASE("a value or default cut to nSize - 1 characters returns nSize - 1") {
    SampleFile ini;
    char buffer[8] = "*******";
    CHECK(GetPrivateProfileStringA("Settings", "Name", "", buffer, 3, ini.file.c_str()) == 2u);
    CHECK(std::string(buffer) == "Al");
    CHECK(GetPrivateProfileStringA("Settings", "Missing", "default", buffer, 4, ini.file.c_str()) == 3u);
    CHECK(std::string(buffer) == "def");
    CHECK(GetPrivateProfileStringA("Settings", "Name", "", buffer, 0, ini.file.c_str()) == 0u);
}

TEST_CASE("every value length from 0 to 40 reads back whole, or cut to each smaller buffer") {
    ScratchDirectory dir;
    const std::string file = dir / "lengths.ini";
    std::string text = "[Lengths]\r\n";
    for (int n = 0; n <= 40; ++n) {
        std::string value;
        for (int i = 0; i < n; ++i) value += static_cast<char>('a' + (i * 7 + n) % 26);
        text += "V" + std::to_string(n) + "=" + value + "\r\n";
    }
    ScratchDirectory::write(file, text);
    for (int n = 0; n <= 40; ++n) {
        std::string value;
        for (int i = 0; i < n; ++i) value += static_cast<char>('a' + (i * 7 + n) % 26);
        const std::string key = "V" + std::to_string(n);
        for (DWORD size = 1; size <= 42; ++size) {
            char buffer[48];
            std::memset(buffer, '#', sizeof buffer);
            const DWORD got = GetPrivateProfileStringA("Lengths", key.c_str(), "", buffer, size, file.c_str());
            const std::size_t expected = value.size() < size ? value.size() : size - 1;
            INFO("length " << n << ", buffer " << size);
            CHECK(got == expected);
            CHECK(std::string(buffer, got) == value.substr(0, expected));
            CHECK(buffer[got] == '\0');
            CHECK(std::string(buffer + got + 1, sizeof buffer - got - 1) == std::string(sizeof buffer - got - 1, '#'));
        }
    }
}

TEST_CASE("sections and keys of every length from 1 to 24 are found whatever their case") {
    ScratchDirectory dir;
    const std::string file = dir / "names.ini";
    const auto name = [](char first, std::size_t n) {
        std::string text;
        for (std::size_t i = 0; i < n; ++i) text += static_cast<char>(first + (i * 5 + n) % 26);
        return text;
    };
    const auto lower = [](std::string text) {
        for (auto& c : text) c = static_cast<char>(c - 'A' + 'a');
        return text;
    };
    std::string text;
    for (std::size_t s = 1; s <= 24; ++s) {
        text += "[" + name('A', s) + "]\r\n";
        for (std::size_t k = 1; k <= 24; ++k) text += name('A', k) + "=" + std::to_string(s * 100 + k) + "\r\n";
    }
    ScratchDirectory::write(file, text);
    for (std::size_t s = 1; s <= 24; ++s)
        for (std::size_t k = 1; k <= 24; ++k) {
            INFO("section length " << s << ", key length " << k);
            const std::string section = name('A', s), key = name('A', k);
            CHECK(get(file, section.c_str(), key.c_str()) == std::to_string(s * 100 + k));
            CHECK(get(file, lower(section).c_str(), lower(key).c_str()) == std::to_string(s * 100 + k));
            std::string other = key;
            other.back() = other.back() == 'Z' ? 'Y' : static_cast<char>(other.back() + 1);
            CHECK(get(file, section.c_str(), other.c_str(), "none") == "none");
        }
}

TEST_CASE("a NULL key lists the section's key names, a NULL section lists the sections") {
    SampleFile ini;
    DWORD n = 0;
    const std::string keys = list(ini.file, "settings", 256, &n);
    const std::string expected_keys("Name\0Quoted\0Single\0Count\0Hex\0Negative\0Empty\0\0", 45);
    CHECK(n == 44u);
    CHECK(keys.substr(0, 45) == expected_keys);
    char buffer[64] = {};
    n = GetPrivateProfileStringA(nullptr, nullptr, "", buffer, sizeof buffer, ini.file.c_str());
    CHECK(n == 25u);
    CHECK(std::string(buffer, 26) == std::string("Settings\0settings\0Second\0\0", 26));
}

TEST_CASE("a truncated listing ends with two NULs and returns nSize - 2") {
    SampleFile ini;
    DWORD n = 0;
    const std::string cut = list(ini.file, "Second", 4, &n);
    CHECK(n == 2u);
    CHECK(cut == std::string("A\0\0\0", 4));
    char names[7] = {};
    CHECK(GetPrivateProfileStringA(nullptr, nullptr, "", names, sizeof names, ini.file.c_str()) == 5u);
    CHECK(std::string(names, 7) == std::string("Setti\0\0", 7));
}

TEST_CASE("GetPrivateProfileIntA: decimal, hexadecimal, negative, and the default") {
    SampleFile ini;
    CHECK(GetPrivateProfileIntA("Settings", "Count", 5, ini.file.c_str()) == 42u);
    CHECK(GetPrivateProfileIntA("Settings", "Hex", 5, ini.file.c_str()) == 31u);
    CHECK(GetPrivateProfileIntA("Settings", "Negative", 5, ini.file.c_str()) == static_cast<UINT>(-7));
    CHECK(GetPrivateProfileIntA("Settings", "Name", 5, ini.file.c_str()) == 0u);
    CHECK(GetPrivateProfileIntA("Settings", "Empty", 5, ini.file.c_str()) == 5u);
    CHECK(GetPrivateProfileIntA("Settings", "Missing", 5, ini.file.c_str()) == 5u);
    const std::wstring wide(ini.file.begin(), ini.file.end());
    CHECK(GetPrivateProfileIntW(L"settings", L"count", 5, wide.c_str()) == 42u);
}

TEST_CASE("GetPrivateProfileSectionA: the section's lines, double-NUL terminated") {
    SampleFile ini;
    char buffer[64] = {};
    CHECK(GetPrivateProfileSectionA("second", buffer, sizeof buffer, ini.file.c_str()) == 8u);
    CHECK(std::string(buffer, 9) == std::string("A=1\0B=2\0\0", 9));
    CHECK(GetPrivateProfileSectionA("second", buffer, 6, ini.file.c_str()) == 4u);
    CHECK(std::string(buffer, 6) == std::string("A=1\0\0\0", 6));
    CHECK(GetPrivateProfileSectionA("nowhere", buffer, sizeof buffer, ini.file.c_str()) == 0u);
}

TEST_CASE("WritePrivateProfileStringA: set, add, delete a key, delete a section, other lines kept") {
    SampleFile ini;
    CHECK(WritePrivateProfileStringA("SECOND", "b", "20", ini.file.c_str()));
    CHECK(get(ini.file, "Second", "B") == "20");
    CHECK(WritePrivateProfileStringA("Second", "C", "3", ini.file.c_str()));
    CHECK(get(ini.file, "Second", "C") == "3");
    CHECK(WritePrivateProfileStringA("Third", "New", "value", ini.file.c_str()));
    CHECK(get(ini.file, "third", "new") == "value");
    CHECK(WritePrivateProfileStringA("Second", "A", nullptr, ini.file.c_str()));
    CHECK(get(ini.file, "Second", "A", "gone") == "gone");
    CHECK(WritePrivateProfileStringA("Third", nullptr, nullptr, ini.file.c_str()));
    CHECK(get(ini.file, "Third", "New", "gone") == "gone");
    CHECK(ScratchDirectory::read(ini.file).find("; settings of the ACME token DLL") != std::string::npos);
    CHECK(get(ini.file, "Settings", "Name") == "Alice");
}

// Windows edits the file's text in place; Wine writes the whole file again
// from its parse, every entry as name=value.
TEST_CASE("WritePrivateProfileStringA keeps the other lines byte for byte") {
    platform_cases::skip_under_wine("Wine rewrites every entry of the file as name=value");
    SampleFile ini;
    CHECK(WritePrivateProfileStringA("Second", "B", "20", ini.file.c_str()));
    std::string expected = sample;
    expected.replace(expected.find("B=2"), 3, "B=20");
    CHECK(ScratchDirectory::read(ini.file) == expected);
}

TEST_CASE("a write creates the file, and a change made through the file calls is seen at once") {
    ScratchDirectory dir;
    const std::string file = dir / "new.ini";
    CHECK(WritePrivateProfileStringA("S", "K", "v", file.c_str()));
    CHECK(get(file, "S", "K") == "v");
    ScratchDirectory::write(file, "[S]\r\nK=changed\r\n");
    CHECK(get(file, "S", "K") == "changed");
    const std::wstring wide(file.begin(), file.end());
    CHECK(WritePrivateProfileStringW(L"S", L"W", L"wide", wide.c_str()));
    WCHAR buffer[16];
    CHECK(GetPrivateProfileStringW(L"s", L"w", L"", buffer, 16, wide.c_str()) == 4u);
    CHECK(std::wstring(buffer) == L"wide");
}

// The emulation's Windows directory is wherever C: is mapped; on Windows it
// is the system's own, which a test must not write to.
TEST_CASE("a file name without a path lives in the Windows directory, and GetProfileStringA reads win.ini" *
          platform_cases::posix_emulation_only) {
    const auto root = std::filesystem::temp_directory_path() / ("rasshost-windir-" + std::to_string(GetCurrentThreadId()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "Windows");
    std::ofstream(root / "Windows" / "WIN.INI") << "[intl]\nsCountry=Neverland\n";
    rasshost::map_drive('C', root);
    char buffer[64];
    CHECK(GetProfileStringA("Intl", "sCountry", "", buffer, sizeof buffer) == 9u);
    CHECK(std::string(buffer) == "Neverland");
    CHECK(WritePrivateProfileStringA("Acme", "Server", "10.0.0.1", "acme.ini"));
    CHECK(std::filesystem::exists(root / "Windows" / "acme.ini"));
    CHECK(get("acme.ini", "ACME", "server") == "10.0.0.1");
    rasshost::unmap_drive('C');
    std::filesystem::remove_all(root);
}
