// The registry calls with Windows' results: sizes, terminators and the A/W
// conversions, enumeration, deletion, RegGetValue's filters and expansion,
// the Win16 forms, and ExpandEnvironmentStrings. Every case works under
// HKCU\Software\rasshost-test-<pid>, deleted at its end, so a run under Wine
// leaves the prefix as it found it.
#include <doctest/doctest.h>
#include <rasshost/test_kit.hpp>
#include <rasshost/win32.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <thread>
#include <vector>
#include "support/platform_cases.hpp"

namespace {

// Deletes a key and everything under it with the calls under test.
void delete_tree(HKEY parent, const std::string& name) {
    HKEY key = nullptr;
    if (RegOpenKeyExA(parent, name.c_str(), 0, KEY_ALL_ACCESS, &key) != ERROR_SUCCESS) return;
    char child[256];
    DWORD length = sizeof child;
    while (RegEnumKeyExA(key, 0, child, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_SUCCESS) {
        delete_tree(key, child);
        length = sizeof child;
    }
    RegCloseKey(key);
    RegDeleteKeyA(parent, name.c_str());
}

class TestKey {
public:
    TestKey() : path_("Software\\rasshost-test-" + std::to_string(GetCurrentProcessId())) {
        REQUIRE(RegCreateKeyExA(HKEY_CURRENT_USER, path_.c_str(), 0, nullptr, REG_OPTION_NON_VOLATILE,
                                KEY_ALL_ACCESS, nullptr, &key_, nullptr) == ERROR_SUCCESS);
    }
    ~TestKey() {
        RegCloseKey(key_);
        delete_tree(HKEY_CURRENT_USER, path_);
    }
    HKEY get() const { return key_; }

    LSTATUS set(const char* name, DWORD type, const void* data, DWORD size) const {
        return RegSetValueExA(key_, name, 0, type, static_cast<const BYTE*>(data), size);
    }

private:
    std::string path_;
    HKEY key_ = nullptr;
};

}  // namespace

TEST_CASE("RegCreateKeyEx creates, then opens: names ignore case and keep the case they were created with") {
    TestKey root;
    HKEY key = nullptr;
    DWORD disposition = 0;
    REQUIRE(RegCreateKeyExA(root.get(), "Mixed\\Case", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key, &disposition) ==
            ERROR_SUCCESS);
    CHECK(disposition == REG_CREATED_NEW_KEY);
    RegCloseKey(key);
    REQUIRE(RegCreateKeyExA(root.get(), "MIXED\\case", 0, nullptr, 0, KEY_READ, nullptr, &key, &disposition) ==
            ERROR_SUCCESS);
    CHECK(disposition == REG_OPENED_EXISTING_KEY);
    RegCloseKey(key);
    char name[32];
    DWORD length = sizeof name;
    REQUIRE(RegEnumKeyExA(root.get(), 0, name, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_SUCCESS);
    CHECK(std::string(name) == "Mixed");
    CHECK(length == 5);
    CHECK(RegOpenKeyExA(root.get(), "mixed\\CASE", 0, KEY_READ, &key) == ERROR_SUCCESS);
    RegCloseKey(key);
    CHECK(RegOpenKeyExA(root.get(), "absent", 0, KEY_READ, &key) == ERROR_FILE_NOT_FOUND);
}

// Windows documents no order for values; the emulation promises creation order.
TEST_CASE("RegEnumValueA lists values in the order they were created" * platform_cases::posix_emulation_only) {
    TestKey root;
    const DWORD one = 1;
    for (const char* name : {"zeta", "Alpha", "mid"}) REQUIRE(root.set(name, REG_DWORD, &one, 4) == ERROR_SUCCESS);
    std::vector<std::string> values;
    char name[32];
    DWORD length = sizeof name;
    for (DWORD i = 0; RegEnumValueA(root.get(), i, name, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_SUCCESS;
         ++i, length = sizeof name)
        values.emplace_back(name);
    CHECK(values == std::vector<std::string>{"zeta", "Alpha", "mid"});
}

// A key is an entry of the emulation's handle table (docs/decisions.md#registry-keys):
// it cannot be waited on, CloseHandle closes it, and other handles are not keys.
TEST_CASE("Key handles in the handle table: not waitable, closed by CloseHandle, not confused with events" *
          platform_cases::posix_emulation_only) {
    TestKey root;
    HKEY key = nullptr;
    REQUIRE(RegOpenKeyExA(root.get(), nullptr, 0, KEY_READ, &key) == ERROR_SUCCESS);
    CHECK(WaitForSingleObject(reinterpret_cast<HANDLE>(key), 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(CloseHandle(reinterpret_cast<HANDLE>(key)));
    CHECK(RegCloseKey(key) == ERROR_INVALID_HANDLE);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    DWORD size = 0;
    CHECK(RegQueryValueExA(reinterpret_cast<HKEY>(event), "v", nullptr, nullptr, nullptr, &size) ==
          ERROR_INVALID_HANDLE);
    CHECK(RegCloseKey(reinterpret_cast<HKEY>(event)) == ERROR_INVALID_HANDLE);
    CloseHandle(event);
}

// Windows writes through a NULL result pointer and faults (Wine does); the
// emulation's promise is that bad input never crashes the host.
TEST_CASE("A NULL result pointer is ERROR_INVALID_PARAMETER, not a fault" * platform_cases::posix_emulation_only) {
    TestKey root;
    CHECK(RegOpenKeyExA(root.get(), "", 0, KEY_READ, nullptr) == ERROR_INVALID_PARAMETER);
    CHECK(RegCreateKeyExA(root.get(), "x", 0, nullptr, 0, KEY_READ, nullptr, nullptr, nullptr) ==
          ERROR_INVALID_PARAMETER);
    CHECK(RegOpenKeyA(root.get(), "x", nullptr) == ERROR_INVALID_PARAMETER);
    CHECK(RegEnumKeyExA(root.get(), 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr) ==
          ERROR_INVALID_PARAMETER);
    CHECK(RegQueryValueExA(reinterpret_cast<HKEY>(static_cast<ULONG_PTR>(0x12345678)), "v", nullptr, nullptr,
                           nullptr, nullptr) == ERROR_INVALID_HANDLE);
}

TEST_CASE("RegQueryValueExA: the size query, ERROR_MORE_DATA, and the terminator counted") {
    TestKey root;
    REQUIRE(root.set("Text", REG_SZ, "hello", 6) == ERROR_SUCCESS);
    DWORD type = 0, size = 0;
    REQUIRE(RegQueryValueExA(root.get(), "text", nullptr, &type, nullptr, &size) == ERROR_SUCCESS);
    CHECK(type == REG_SZ);
    CHECK(size == 6);
    char buffer[16];
    size = 3;
    CHECK(RegQueryValueExA(root.get(), "Text", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), &size) ==
          ERROR_MORE_DATA);
    CHECK(size == 6);
    size = sizeof buffer;
    REQUIRE(RegQueryValueExA(root.get(), "Text", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), &size) ==
            ERROR_SUCCESS);
    CHECK(size == 6);
    CHECK(std::string(buffer) == "hello");
    CHECK(RegQueryValueExA(root.get(), "Text", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), nullptr) ==
          ERROR_INVALID_PARAMETER);
    CHECK(RegQueryValueExA(root.get(), "absent", nullptr, nullptr, nullptr, &size) == ERROR_FILE_NOT_FOUND);
}

TEST_CASE("A REG_SZ written without its terminator: NT counts one that follows in memory, else stores none") {
    TestKey root;
    REQUIRE(root.set("Counted", REG_SZ, "abc", 3) == ERROR_SUCCESS);  // the literal's NUL follows
    DWORD size = 0;
    REQUIRE(RegQueryValueExA(root.get(), "Counted", nullptr, nullptr, nullptr, &size) == ERROR_SUCCESS);
    CHECK(size == 4);
    const char bare[] = {'a', 'b', 'c', 'd', '\0'};
    REQUIRE(root.set("Bare", REG_SZ, bare, 3) == ERROR_SUCCESS);  // 'd' follows: nothing added
    char buffer[8];
    std::memset(buffer, 'x', sizeof buffer);
    size = sizeof buffer;
    REQUIRE(RegQueryValueExA(root.get(), "Bare", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), &size) ==
            ERROR_SUCCESS);
    CHECK(size == 3);
    CHECK(std::string(buffer, 3) == "abc");
    CHECK(buffer[3] == '\0');  // added because the buffer had room, not counted
}

TEST_CASE("RegGetValueA terminates a string stored without its terminator, and counts it") {
    platform_cases::skip_under_wine("Wine 8 returns the stored size; Windows (and later Wine) add the terminator");
    TestKey root;
    const char bare[] = {'a', 'b', 'c', 'd', '\0'};
    REQUIRE(root.set("Bare", REG_SZ, bare, 3) == ERROR_SUCCESS);
    char buffer[8];
    DWORD size = sizeof buffer;
    REQUIRE(RegGetValueA(root.get(), nullptr, "Bare", RRF_RT_REG_SZ, nullptr, buffer, &size) == ERROR_SUCCESS);
    CHECK(size == 4);
    CHECK(std::string(buffer) == "abc");
}

TEST_CASE("REG_DWORD, REG_QWORD, REG_BINARY and REG_MULTI_SZ read back as written") {
    TestKey root;
    const DWORD dword = 0x12345678;
    const ULONGLONG qword = 0x1122334455667788ULL;
    const BYTE binary[] = {0, 1, 2, 0xFF};
    REQUIRE(root.set("D", REG_DWORD, &dword, sizeof dword) == ERROR_SUCCESS);
    REQUIRE(root.set("Q", REG_QWORD, &qword, sizeof qword) == ERROR_SUCCESS);
    REQUIRE(root.set("B", REG_BINARY, binary, sizeof binary) == ERROR_SUCCESS);
    REQUIRE(root.set("M", REG_MULTI_SZ, "a\0bc\0", 6) == ERROR_SUCCESS);
    DWORD read_dword = 0, type = 0, size = sizeof read_dword;
    CHECK(RegQueryValueExA(root.get(), "d", nullptr, &type, reinterpret_cast<BYTE*>(&read_dword), &size) ==
          ERROR_SUCCESS);
    CHECK((type == REG_DWORD && size == 4 && read_dword == dword));
    ULONGLONG read_qword = 0;
    size = sizeof read_qword;
    CHECK(RegQueryValueExA(root.get(), "Q", nullptr, &type, reinterpret_cast<BYTE*>(&read_qword), &size) ==
          ERROR_SUCCESS);
    CHECK((type == REG_QWORD && size == 8 && read_qword == qword));
    BYTE read_binary[8] = {};
    size = sizeof read_binary;
    CHECK(RegQueryValueExA(root.get(), "B", nullptr, &type, read_binary, &size) == ERROR_SUCCESS);
    CHECK((type == REG_BINARY && size == 4 && std::memcmp(read_binary, binary, 4) == 0));
    char multi[16];
    size = sizeof multi;
    CHECK(RegQueryValueExA(root.get(), "M", nullptr, &type, reinterpret_cast<BYTE*>(multi), &size) == ERROR_SUCCESS);
    CHECK((type == REG_MULTI_SZ && size == 6 && std::memcmp(multi, "a\0bc\0", 6) == 0));
}

TEST_CASE("A and W forms see the same value: strings in the ANSI code page and as wide text") {
    TestKey root;
    REQUIRE(root.set("Latin", REG_SZ, "caf\xE9", 5) == ERROR_SUCCESS);  // é in Windows-1252
    WCHAR wide[8] = {};
    DWORD size = sizeof wide;
    REQUIRE(RegQueryValueExW(root.get(), L"LATIN", nullptr, nullptr, reinterpret_cast<BYTE*>(wide), &size) ==
            ERROR_SUCCESS);
    CHECK(size == 5 * sizeof(WCHAR));
    CHECK(std::wstring(wide) == L"caf\u00E9");
    const WCHAR euro[] = L"\u20AC5";
    REQUIRE(RegSetValueExW(root.get(), L"Price", 0, REG_SZ, reinterpret_cast<const BYTE*>(euro), sizeof euro) ==
            ERROR_SUCCESS);
    char ansi[8] = {};
    size = sizeof ansi;
    REQUIRE(RegQueryValueExA(root.get(), "price", nullptr, nullptr, reinterpret_cast<BYTE*>(ansi), &size) ==
            ERROR_SUCCESS);
    CHECK(size == 3);
    CHECK(std::string(ansi) == "\x80" "5");
}

TEST_CASE("RegEnumValueA and RegEnumKeyExA (in name order) list everything, then ERROR_NO_MORE_ITEMS") {
    TestKey root;
    const DWORD one = 1;
    for (const char* name : {"zeta", "Alpha", "mid"}) REQUIRE(root.set(name, REG_DWORD, &one, 4) == ERROR_SUCCESS);
    for (const char* name : {"b", "A", "c"}) {
        HKEY key = nullptr;
        REQUIRE(RegCreateKeyExA(root.get(), name, 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key, nullptr) ==
                ERROR_SUCCESS);
        RegCloseKey(key);
    }
    std::vector<std::string> values, keys;
    char name[32];
    DWORD length = sizeof name, type = 0;
    for (DWORD i = 0; RegEnumValueA(root.get(), i, name, &length, nullptr, &type, nullptr, nullptr) == ERROR_SUCCESS;
         ++i, length = sizeof name)
        values.emplace_back(name);
    // Windows documents no order for values (Wine sorts them; the emulation keeps creation order).
    std::sort(values.begin(), values.end());
    CHECK(values == std::vector<std::string>{"Alpha", "mid", "zeta"});
    length = sizeof name;
    CHECK(RegEnumValueA(root.get(), 3, name, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_NO_MORE_ITEMS);
    for (DWORD i = 0; length = sizeof name,
               RegEnumKeyExA(root.get(), i, name, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_SUCCESS;
         ++i)
        keys.emplace_back(name);
    CHECK(keys == std::vector<std::string>{"A", "b", "c"});
    length = sizeof name;
    CHECK(RegEnumKeyExA(root.get(), 3, name, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_NO_MORE_ITEMS);
    length = 1;
    CHECK(RegEnumKeyExA(root.get(), 0, name, &length, nullptr, nullptr, nullptr, nullptr) == ERROR_MORE_DATA);
    DWORD subkeys = 0, count = 0, max_name = 0, max_data = 0;
    REQUIRE(RegQueryInfoKeyA(root.get(), nullptr, nullptr, nullptr, &subkeys, nullptr, nullptr, &count, &max_name,
                             &max_data, nullptr, nullptr) == ERROR_SUCCESS);
    CHECK((subkeys == 3 && count == 3 && max_name == 5 && max_data == 4));
}

TEST_CASE("RegDeleteKeyA refuses a key with subkeys, and an open handle to a deleted key gets ERROR_KEY_DELETED") {
    TestKey root;
    HKEY parent = nullptr, child = nullptr;
    REQUIRE(RegCreateKeyExA(root.get(), "parent", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &parent, nullptr) ==
            ERROR_SUCCESS);
    REQUIRE(RegCreateKeyExA(parent, "child", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &child, nullptr) ==
            ERROR_SUCCESS);
    CHECK(RegDeleteKeyA(root.get(), "parent") == ERROR_ACCESS_DENIED);
    CHECK(RegDeleteKeyA(root.get(), "parent\\child") == ERROR_SUCCESS);
    CHECK(RegDeleteKeyA(root.get(), "parent\\child") == ERROR_FILE_NOT_FOUND);
    DWORD size = 0;
    CHECK(RegQueryValueExA(child, nullptr, nullptr, nullptr, nullptr, &size) == ERROR_KEY_DELETED);
    CHECK(RegDeleteKeyA(root.get(), "parent") == ERROR_SUCCESS);
    CHECK(RegCloseKey(child) == ERROR_SUCCESS);
    CHECK(RegCloseKey(parent) == ERROR_SUCCESS);
    CHECK(RegDeleteKeyA(root.get(), nullptr) == ERROR_INVALID_PARAMETER);
}

TEST_CASE("RegDeleteValueA, and a closed key is ERROR_INVALID_HANDLE") {
    TestKey root;
    REQUIRE(root.set("gone", REG_SZ, "x", 2) == ERROR_SUCCESS);
    CHECK(RegDeleteValueA(root.get(), "GONE") == ERROR_SUCCESS);
    CHECK(RegDeleteValueA(root.get(), "gone") == ERROR_FILE_NOT_FOUND);
    HKEY key = nullptr;
    REQUIRE(RegOpenKeyExA(root.get(), nullptr, 0, KEY_READ, &key) == ERROR_SUCCESS);  // the same key again
    CHECK(RegCloseKey(key) == ERROR_SUCCESS);
    CHECK(RegCloseKey(key) == ERROR_INVALID_HANDLE);
}

TEST_CASE("Access rights: a key opened for reading refuses writes") {
    TestKey root;
    HKEY key = nullptr;
    REQUIRE(RegOpenKeyExA(root.get(), "", 0, KEY_READ, &key) == ERROR_SUCCESS);
    CHECK(RegSetValueExA(key, "v", 0, REG_SZ, reinterpret_cast<const BYTE*>("x"), 2) == ERROR_ACCESS_DENIED);
    RegCloseKey(key);
    CHECK(RegSetValueExA(root.get(), "v", 0, REG_BINARY, nullptr, 4) == ERROR_NOACCESS);
}

TEST_CASE("A volatile key cannot hold a non-volatile subkey") {
    TestKey root;
    HKEY key = nullptr, child = nullptr;
    REQUIRE(RegCreateKeyExA(root.get(), "volatile", 0, nullptr, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, nullptr, &key,
                            nullptr) == ERROR_SUCCESS);
    CHECK(RegCreateKeyExA(key, "lasting", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &child, nullptr) ==
          ERROR_CHILD_MUST_BE_VOLATILE);
    CHECK(RegCreateKeyExA(key, "passing", 0, nullptr, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, nullptr, &child,
                          nullptr) == ERROR_SUCCESS);
    RegCloseKey(child);
    RegCloseKey(key);
}

TEST_CASE("RegGetValueA: type filters, REG_EXPAND_SZ expanded to REG_SZ, RRF_NOEXPAND, RRF_ZEROONFAILURE") {
    TestKey root;
    rasshost::test::set_environment("RASSHOST_REG_TEST_DIR", "D:\\vendor");
    const char expand[] = "%RASSHOST_REG_TEST_DIR%\\card.dll";
    REQUIRE(root.set("Path", REG_EXPAND_SZ, expand, sizeof expand) == ERROR_SUCCESS);
    char buffer[64];
    DWORD type = 0, size = sizeof buffer;
    REQUIRE(RegGetValueA(root.get(), nullptr, "Path", RRF_RT_REG_SZ, &type, buffer, &size) == ERROR_SUCCESS);
    CHECK(std::string(buffer) == "D:\\vendor\\card.dll");
    CHECK((type == REG_SZ && size == sizeof "D:\\vendor\\card.dll"));
    size = sizeof buffer;
    REQUIRE(RegGetValueA(root.get(), nullptr, "Path", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, buffer, &size) ==
            ERROR_SUCCESS);
    CHECK((type == REG_EXPAND_SZ && std::string(buffer) == expand));
    size = sizeof buffer;
    CHECK(RegGetValueA(root.get(), nullptr, "Path", RRF_RT_REG_DWORD, nullptr, buffer, &size) ==
          ERROR_UNSUPPORTED_TYPE);
    size = 4;
    std::memset(buffer, 'x', sizeof buffer);
    CHECK(RegGetValueA(root.get(), nullptr, "Path", RRF_RT_REG_SZ | RRF_ZEROONFAILURE, nullptr, buffer, &size) ==
          ERROR_MORE_DATA);
    CHECK((buffer[0] == 0 && buffer[3] == 0 && buffer[4] == 'x'));
    const BYTE four[] = {1, 0, 0, 0};
    REQUIRE(root.set("Bin", REG_BINARY, four, 4) == ERROR_SUCCESS);
    DWORD value = 0;
    size = sizeof value;
    CHECK(RegGetValueA(root.get(), nullptr, "Bin", RRF_RT_DWORD, nullptr, &value, &size) == ERROR_SUCCESS);
    CHECK(value == 1);
    CHECK(RegGetValueA(root.get(), "absent", "Bin", RRF_RT_ANY, nullptr, nullptr, &size) == ERROR_FILE_NOT_FOUND);
    rasshost::test::set_environment("RASSHOST_REG_TEST_DIR", "");
}

TEST_CASE("Win16 RegSetValueA / RegQueryValueA: a subkey's default value, and none reads as the empty string") {
    TestKey root;
    REQUIRE(RegSetValueA(root.get(), "Win16", REG_SZ, "text", 0) == ERROR_SUCCESS);
    char buffer[16];
    LONG size = sizeof buffer;
    REQUIRE(RegQueryValueA(root.get(), "win16", buffer, &size) == ERROR_SUCCESS);
    CHECK((size == 5 && std::string(buffer) == "text"));
    HKEY key = nullptr;
    REQUIRE(RegCreateKeyA(root.get(), "Empty", &key) == ERROR_SUCCESS);
    size = sizeof buffer;
    REQUIRE(RegQueryValueA(key, nullptr, buffer, &size) == ERROR_SUCCESS);
    CHECK((size == 1 && buffer[0] == '\0'));
    HKEY same = nullptr;
    CHECK(RegOpenKeyA(key, "", &same) == ERROR_SUCCESS);
    CHECK(same == key);  // Win16 gives the caller's handle back
    RegCloseKey(key);
    CHECK(RegSetValueA(root.get(), "Win16", REG_DWORD, "text", 0) == ERROR_INVALID_PARAMETER);
}

TEST_CASE("Readers and a writer at once: every read sees a whole value") {
    TestKey root;
    DWORD value = 0;
    REQUIRE(root.set("n", REG_DWORD, &value, 4) == ERROR_SUCCESS);
    std::thread writer([&] {
        for (DWORD i = 1; i <= 2000; ++i) root.set("n", REG_DWORD, &i, 4);
    });
    DWORD last = 0;
    bool ordered = true;
    for (int i = 0; i < 2000; ++i) {
        DWORD read = 0, size = sizeof read;
        REQUIRE(RegQueryValueExA(root.get(), "n", nullptr, nullptr, reinterpret_cast<BYTE*>(&read), &size) ==
                ERROR_SUCCESS);
        ordered = ordered && read >= last && read <= 2000;
        last = read;
    }
    writer.join();
    CHECK(ordered);
}

TEST_CASE("Value names of every length to 40 are found whatever their case, and a name one letter off is not") {
    TestKey root;
    std::string name;
    for (DWORD length = 1; length <= 40; ++length) {
        name += static_cast<char>('a' + length % 26);
        REQUIRE(root.set(name.c_str(), REG_DWORD, &length, 4) == ERROR_SUCCESS);
    }
    name.clear();
    for (DWORD length = 1; length <= 40; ++length) {
        name += static_cast<char>('A' + length % 26);
        CAPTURE(name);
        DWORD read = 0, size = sizeof read;
        CHECK(RegQueryValueExA(root.get(), name.c_str(), nullptr, nullptr, reinterpret_cast<BYTE*>(&read), &size) ==
              ERROR_SUCCESS);
        CHECK(read == length);
        for (std::size_t at = 0; at < name.size(); ++at) {  // each letter in turn, as '@' (one below 'A')
            std::string off = name;
            off[at] = '@';
            CHECK(RegQueryValueExA(root.get(), off.c_str(), nullptr, nullptr, nullptr, nullptr) ==
                  ERROR_FILE_NOT_FOUND);
        }
    }
}

TEST_CASE("A read after a change sees it: a value rewritten, deleted, and added again") {
    TestKey root;
    const auto read = [&](const char* name) {
        DWORD value = 0, size = sizeof value;
        const LSTATUS status =
            RegQueryValueExA(root.get(), name, nullptr, nullptr, reinterpret_cast<BYTE*>(&value), &size);
        return status == ERROR_SUCCESS ? static_cast<long>(value) : -static_cast<long>(status);
    };
    DWORD one = 1, two = 2;
    REQUIRE(root.set("Setting", REG_DWORD, &one, 4) == ERROR_SUCCESS);
    CHECK(read("setting") == 1);
    REQUIRE(root.set("SETTING", REG_DWORD, &two, 4) == ERROR_SUCCESS);
    CHECK(read("Setting") == 2);
    REQUIRE(RegDeleteValueA(root.get(), "setting") == ERROR_SUCCESS);
    CHECK(read("Setting") == -ERROR_FILE_NOT_FOUND);
    REQUIRE(root.set("Other", REG_DWORD, &one, 4) == ERROR_SUCCESS);
    CHECK(read("Other") == 1);
    CHECK(read("Setting") == -ERROR_FILE_NOT_FOUND);
    REQUIRE(root.set("Setting", REG_DWORD, &one, 4) == ERROR_SUCCESS);
    CHECK(read("Setting") == 1);
}

TEST_CASE("Readers on several threads while a writer adds and deletes values: reads never fail or tear") {
    TestKey root;
    const DWORD fixed = 7;
    REQUIRE(root.set("Fixed", REG_DWORD, &fixed, 4) == ERROR_SUCCESS);
    std::thread writer([&] {
        for (DWORD i = 0; i < 1000; ++i) {
            const std::string name = "v" + std::to_string(i % 50);
            root.set(name.c_str(), REG_DWORD, &i, 4);
            if (i % 3 == 0) RegDeleteValueA(root.get(), name.c_str());
        }
    });
    const auto reader = [&] {
        bool whole = true;
        for (int i = 0; i < 3000; ++i) {
            DWORD value = 0, size = sizeof value;
            whole = whole && RegQueryValueExA(root.get(), "fixed", nullptr, nullptr, reinterpret_cast<BYTE*>(&value),
                                              &size) == ERROR_SUCCESS && value == fixed && size == 4;
        }
        return whole;
    };
    bool other_whole = false;
    std::thread second([&] { other_whole = reader(); });
    const bool whole = reader();
    second.join();
    writer.join();
    CHECK(whole);
    CHECK(other_whole);
}

TEST_CASE("ExpandEnvironmentStrings: %VAR% any case, unknown ones kept, the count with its NUL, a short buffer") {
    rasshost::test::set_environment("RASSHOST_EXPAND_TEST", "value");
    char buffer[64];
    CHECK(ExpandEnvironmentStringsA("a%RASSHOST_EXPAND_TEST%b", buffer, sizeof buffer) == 8);
    CHECK(std::string(buffer) == "avalueb");
    CHECK(ExpandEnvironmentStringsA("%rasshost_expand_test%", buffer, sizeof buffer) == 6);
    CHECK(std::string(buffer) == "value");
    CHECK(ExpandEnvironmentStringsA("%RASSHOST_NO_SUCH_VARIABLE%\\x", buffer, sizeof buffer) == 30);
    CHECK(std::string(buffer) == "%RASSHOST_NO_SUCH_VARIABLE%\\x");
    CHECK(ExpandEnvironmentStringsA("100%", buffer, sizeof buffer) == 5);
    CHECK(std::string(buffer) == "100%");
    CHECK(ExpandEnvironmentStringsA("[%RASSHOST_EXPAND_TEST%]", buffer, 3) == 8);
    CHECK(ExpandEnvironmentStringsA("[%RASSHOST_EXPAND_TEST%]", nullptr, 0) == 8);
    WCHAR wide[32];
    CHECK(ExpandEnvironmentStringsW(L"<%RASSHOST_EXPAND_TEST%>", wide, 32) == 8);
    CHECK(std::wstring(wide) == L"<value>");
    rasshost::test::set_environment("RASSHOST_EXPAND_TEST", "");
}

TEST_CASE("ExpandEnvironmentStrings: expands what SetEnvironmentVariableA set, and no longer what it removed") {
    REQUIRE(SetEnvironmentVariableA("RASSHOST_EXPAND_SET", "C:\\ACME"));
    char buffer[64];
    CHECK(ExpandEnvironmentStringsA("%RASSHOST_EXPAND_SET%\\USERS.TXT", buffer, sizeof buffer) == 18);
    CHECK(std::string(buffer) == "C:\\ACME\\USERS.TXT");
    REQUIRE(SetEnvironmentVariableA("RASSHOST_EXPAND_SET", nullptr));
    CHECK(ExpandEnvironmentStringsA("%RASSHOST_EXPAND_SET%", buffer, sizeof buffer) == 22);
    CHECK(std::string(buffer) == "%RASSHOST_EXPAND_SET%");
}
