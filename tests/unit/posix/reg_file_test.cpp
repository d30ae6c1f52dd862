// The .reg format on POSIX: what regedit exports loads (both versions and
// encodings, every value form, deletions, continuations, comments), a bad
// line is an error with its number that changes nothing, a saved file loads
// back the same, a file in use is saved after each change, and
// rasshost-serve's DLLPath is read from it.
#include <doctest/doctest.h>
#include <rasshost/registration.hpp>
#include <rasshost/registry.hpp>
#include <rasshost/win32.h>

#include "posix/win32/registry/reg_file_parser.hpp"

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
    return fs::temp_directory_path() / ("rasshost-reg-" + std::to_string(::getpid()) + "-" + name);
}

void write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// UTF-16LE with a byte order mark, as regedit writes version 5 files (ASCII text only).
std::string utf16(const std::string& text) {
    std::string out = "\xFF\xFE";
    for (const char c : text) {
        out += c;
        out += '\0';
    }
    return out;
}

std::string query_string(HKEY root, const char* key, const char* value) {
    char buffer[256] = {};
    DWORD size = sizeof buffer;
    if (RegGetValueA(root, key, value, RRF_RT_REG_SZ | RRF_RT_REG_MULTI_SZ | RRF_NOEXPAND | RRF_RT_REG_EXPAND_SZ,
                     nullptr, buffer, &size) != ERROR_SUCCESS)
        return "<missing>";
    return std::string(buffer, size ? size - 1 : 0);
}

DWORD query_dword(HKEY root, const char* key, const char* value) {
    DWORD data = 0, size = sizeof data;
    RegGetValueA(root, key, value, RRF_RT_DWORD, nullptr, &data, &size);
    return data;
}

const std::string export5 =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "; exported from a Windows machine\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme\\Card]\r\n"
    "@=\"default\"\r\n"
    "\"Path\"=\"C:\\\\ACME\\\\\\\"users\\\".txt\"\r\n"
    "\"Retries\"=dword:0000000a\r\n"
    "\"Blob\"=hex:01,02,\\\r\n"
    "  ff\r\n"
    "\"Home\"=hex(2):25,00,41,00,25,00,00,00\r\n"
    "\"List\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
    "\"Big\"=hex(b):01,00,00,00,00,00,00,00\r\n"
    "\r\n"
    "[HKEY_CURRENT_USER\\Software\\Acme]\r\n"
    "\"User\"=\"alice\"\r\n";

}  // namespace

TEST_CASE("A version 5 export in UTF-16LE loads every value form") {
    const auto file = scratch("v5.reg");
    write(file, utf16(export5));
    rasshost::load_registry_file(file);
    CHECK(query_string(HKEY_LOCAL_MACHINE, "software\\acme\\card", nullptr) == "default");
    CHECK(query_string(HKEY_LOCAL_MACHINE, "SOFTWARE\\Acme\\Card", "path") == "C:\\ACME\\\"users\".txt");
    CHECK(query_dword(HKEY_LOCAL_MACHINE, "SOFTWARE\\Acme\\Card", "Retries") == 10);
    BYTE blob[8] = {};
    DWORD size = sizeof blob;
    CHECK(RegGetValueA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Acme\\Card", "Blob", RRF_RT_REG_BINARY, nullptr, blob,
                       &size) == ERROR_SUCCESS);
    CHECK((size == 3 && blob[0] == 1 && blob[2] == 0xFF));
    CHECK(query_string(HKEY_LOCAL_MACHINE, "SOFTWARE\\Acme\\Card", "Home") == "%A%");
    CHECK(query_string(HKEY_LOCAL_MACHINE, "SOFTWARE\\Acme\\Card", "List") == std::string("a\0b\0", 4));
    ULONGLONG big = 0;
    size = sizeof big;
    CHECK(RegGetValueA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Acme\\Card", "Big", RRF_RT_QWORD, nullptr, &big, &size) ==
          ERROR_SUCCESS);
    CHECK(big == 1);
    CHECK(query_string(HKEY_CURRENT_USER, "Software\\Acme", "User") == "alice");
    fs::remove(file);
}

TEST_CASE("REGEDIT4 in the ANSI code page, UTF-8 version 5, deletions of keys and values") {
    const auto file = scratch("v4.reg");
    write(file, "REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Four]\n\"Name\"=\"caf\xE9\"\n\"Gone\"=\"x\"\n"
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Four\\Sub]\n\"v\"=dword:1\n");
    rasshost::load_registry_file(file);
    CHECK(query_string(HKEY_LOCAL_MACHINE, "SOFTWARE\\Four", "Name") == "caf\xE9");
    write(file, "\xEF\xBB\xBFWindows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Four]\n"
                "\"Gone\"=-\n\"Euro\"=\"\xE2\x82\xAC\"\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Four\\Sub]\n");
    rasshost::load_registry_file(file);
    CHECK(query_string(HKEY_LOCAL_MACHINE, "SOFTWARE\\Four", "Gone") == "<missing>");
    CHECK(query_string(HKEY_LOCAL_MACHINE, "SOFTWARE\\Four", "Euro") == "\x80");
    HKEY key = nullptr;
    CHECK(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Four\\Sub", 0, KEY_READ, &key) == ERROR_FILE_NOT_FOUND);
    fs::remove(file);
}

TEST_CASE("Bad lines: an error with the line number, and nothing of the file applied") {
    struct Bad {
        const char* text;
        std::size_t line;
    };
    for (const auto& bad : {Bad{"REGEDIT5\n", 1}, Bad{"REGEDIT4\n\"v\"=\"outside\"\n", 2},
                            Bad{"REGEDIT4\n[HKLM\\SOFTWARE\\X]\n", 2},
                            Bad{"REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"v\"=dword:123456789\n", 3},
                            Bad{"REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"v\"=hex:1,zz\n", 3},
                            Bad{"REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"v\"=\"C:\\temp\"\n", 3},
                            Bad{"REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"v\"=\"open\n", 3},
                            Bad{"REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X\n", 2},
                            Bad{"REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\nnonsense\n", 3}}) {
        CAPTURE(bad.text);
        const auto parsed = rasshost::posix::registry::parse_reg_file(bad.text);
        CHECK(parsed.error_line == bad.line);
        CHECK(parsed.changes.empty());
    }
    const auto file = scratch("bad.reg");
    write(file, "REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Half]\n\"ok\"=\"1\"\n\"bad\"=\n");
    try {
        rasshost::load_registry_file(file);
        FAIL("no error");
    } catch (const rasshost::RegistryFileError& error) {
        CHECK(error.line() == 4);
        CHECK(std::string(error.what()).find(":4: ") != std::string::npos);
    }
    HKEY key = nullptr;
    CHECK(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Half", 0, KEY_READ, &key) == ERROR_FILE_NOT_FOUND);
    fs::remove(file);
}

TEST_CASE("A saved registry is a regedit file that loads back the same") {
    const auto file = scratch("saved.reg");
    HKEY key = nullptr;
    REQUIRE(RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\RoundTrip", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key,
                            nullptr) == ERROR_SUCCESS);
    const std::string long_text(300, 'z');
    RegSetValueExA(key, "Quote\"Back\\slash", 0, REG_SZ, reinterpret_cast<const BYTE*>("a\"b\\c"), 6);
    RegSetValueExA(key, "Long", 0, REG_BINARY, reinterpret_cast<const BYTE*>(long_text.data()), 300);
    RegSetValueExA(key, "Lines", 0, REG_SZ, reinterpret_cast<const BYTE*>("one\r\ntwo"), 9);
    rasshost::save_registry_file(file);
    const std::string saved = read(file);
    CHECK(saved.rfind("\xFF\xFEW\0i\0n\0", 0) == 0);
    RegDeleteValueA(key, "Long");
    RegDeleteValueA(key, "Lines");
    rasshost::load_registry_file(file);
    CHECK(query_string(HKEY_CURRENT_USER, "Software\\RoundTrip", "Quote\"Back\\slash") == "a\"b\\c");
    CHECK(query_string(HKEY_CURRENT_USER, "Software\\RoundTrip", "Lines") == "one\r\ntwo");
    char data[400];
    DWORD size = sizeof data;
    CHECK(RegQueryValueExA(key, "Long", nullptr, nullptr, reinterpret_cast<BYTE*>(data), &size) == ERROR_SUCCESS);
    CHECK((size == 300 && std::string(data, 300) == long_text));
    RegCloseKey(key);
    fs::remove(file);
}

TEST_CASE("A registry file in use is saved after each change, atomically, volatile keys left out") {
    const auto file = scratch("in-use.reg");
    fs::remove(file);
    rasshost::use_registry_file(file);
    CHECK_FALSE(fs::exists(file));  // nothing changed yet
    HKEY key = nullptr;
    REQUIRE(RegCreateKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\InUse", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key,
                            nullptr) == ERROR_SUCCESS);
    const DWORD seven = 7;
    REQUIRE(RegSetValueExA(key, "Seven", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&seven), 4) == ERROR_SUCCESS);
    HKEY temporary = nullptr;
    REQUIRE(RegCreateKeyExA(key, "Passing", 0, nullptr, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, nullptr, &temporary,
                            nullptr) == ERROR_SUCCESS);
    CHECK(RegFlushKey(key) == ERROR_SUCCESS);
    const auto parsed = rasshost::posix::registry::parse_reg_file(read(file));
    REQUIRE(parsed.error_line == 0);
    bool seen_seven = false, seen_passing = false;
    for (const auto& change : parsed.changes) {
        seen_seven = seen_seven || (change.name == L"Seven" && change.type == REG_DWORD);
        seen_passing = seen_passing || change.path.find(L"Passing") != std::wstring::npos;
    }
    CHECK(seen_seven);
    CHECK_FALSE(seen_passing);
    RegCloseKey(temporary);
    RegCloseKey(key);
}

TEST_CASE("rasshost-serve's DLLPath: HKLM\\SOFTWARE\\Microsoft\\RAS\\SecurityHost from the registry file") {
    const auto file = scratch("dllpath.reg");
    write(file, "Windows Registry Editor Version 5.00\n\n"
                "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\SecurityHost]\n"
                "\"DLLPath\"=\"/opt/acme/libcard.so\"\n");
    rasshost::load_registry_file(file);
    CHECK(rasshost::registered_security_dll().value_or("") == "/opt/acme/libcard.so");
    HKEY key = nullptr;
    REQUIRE(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SOFTWARE\\Microsoft\\RAS\\SecurityHost", 0, KEY_ALL_ACCESS, &key) ==
            ERROR_SUCCESS);
    RegDeleteValueA(key, "DLLPath");
    RegCloseKey(key);
    CHECK_FALSE(rasshost::registered_security_dll().has_value());
    fs::remove(file);
}
