// System facts: GetComputerNameA/W, GetUserNameA, GetVersionExA and the
// configured version, GetSystemInfo, the environment calls, the loader's
// extra calls, IsBadReadPtr/IsBadWritePtr -- with Windows' size rules and
// last-error codes.
#include <doctest/doctest.h>
#include <rasshost/lmcons.h>
#include <rasshost/system_version.hpp>
#include <rasshost/test_kit.hpp>
#include <rasshost/win32.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "support/platform_cases.hpp"

namespace {

bool has_lower_case(const std::string& text) {
    for (char c : text)
        if (c >= 'a' && c <= 'z') return true;
    return false;
}

std::string env(const char* name) {
    char buffer[256] = {};
    const DWORD length = GetEnvironmentVariableA(name, buffer, sizeof buffer);
    return std::string(buffer, length < sizeof buffer ? length : 0);
}

}  // namespace

TEST_CASE("GetComputerNameA: a size query fails with ERROR_BUFFER_OVERFLOW and the size with the NUL") {
    DWORD size = 0;
    SetLastError(ERROR_SUCCESS);
    CHECK(GetComputerNameA(nullptr, &size) == FALSE);
    CHECK(GetLastError() == ERROR_BUFFER_OVERFLOW);
    CHECK(size >= 2);
    CHECK(size <= MAX_COMPUTERNAME_LENGTH + 1);
    std::vector<char> name(size);
    DWORD exact = size;
    REQUIRE(GetComputerNameA(name.data(), &exact) == TRUE);
    CHECK(exact == size - 1);  // success: the length without the NUL
    CHECK(std::strlen(name.data()) == exact);
    CHECK_FALSE(has_lower_case(name.data()));  // NetBIOS names are upper case
    DWORD short_size = size - 1;
    CHECK(GetComputerNameA(name.data(), &short_size) == FALSE);
    CHECK(GetLastError() == ERROR_BUFFER_OVERFLOW);
    CHECK(short_size == size);
}

TEST_CASE("GetComputerNameW gives the same name as GetComputerNameA, with the same size rules") {
    char narrow[MAX_COMPUTERNAME_LENGTH + 1] = {};
    DWORD narrow_size = sizeof narrow;
    REQUIRE(GetComputerNameA(narrow, &narrow_size) == TRUE);
    WCHAR wide[MAX_COMPUTERNAME_LENGTH + 1] = {};
    DWORD wide_size = 1;
    CHECK(GetComputerNameW(wide, &wide_size) == FALSE);
    CHECK(GetLastError() == ERROR_BUFFER_OVERFLOW);
    CHECK(wide_size == narrow_size + 1);
    wide_size = MAX_COMPUTERNAME_LENGTH + 1;
    REQUIRE(GetComputerNameW(wide, &wide_size) == TRUE);
    REQUIRE(wide_size == narrow_size);
    for (DWORD i = 0; i < wide_size; ++i) CHECK(wide[i] == static_cast<WCHAR>(static_cast<unsigned char>(narrow[i])));
}

TEST_CASE("GetUserNameA: too small gives ERROR_INSUFFICIENT_BUFFER and the size with the NUL, success counts the NUL") {
    DWORD size = 0;
    CHECK(GetUserNameA(nullptr, &size) == FALSE);
    CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER);
    REQUIRE(size >= 2);
    CHECK(size <= UNLEN + 1);
    char name[UNLEN + 1] = {};
    DWORD exact = size;
    REQUIRE(GetUserNameA(name, &exact) == TRUE);
    CHECK(exact == size);
    CHECK(std::strlen(name) + 1 == size);
}

TEST_CASE("GetVersionExA fills OSVERSIONINFOA and OSVERSIONINFOEXA by their size, refuses any other size") {
    OSVERSIONINFOA info{};
    info.dwOSVersionInfoSize = sizeof info;
    REQUIRE(GetVersionExA(&info) == TRUE);
    CHECK(info.dwPlatformId == VER_PLATFORM_WIN32_NT);
    CHECK(info.dwMajorVersion >= 5);
    OSVERSIONINFOEXA ex{};
    ex.dwOSVersionInfoSize = sizeof ex;
    REQUIRE(GetVersionExA(reinterpret_cast<LPOSVERSIONINFOA>(&ex)) == TRUE);
    CHECK(ex.dwMajorVersion == info.dwMajorVersion);
    CHECK(ex.wProductType >= VER_NT_WORKSTATION);
    CHECK(ex.wProductType <= VER_NT_SERVER);
    for (const DWORD wrong : {DWORD{0}, DWORD{sizeof info - 1}, DWORD{sizeof info + 1}, DWORD{sizeof ex + 4}}) {
        OSVERSIONINFOEXA bad{};
        bad.dwOSVersionInfoSize = wrong;
        CHECK(GetVersionExA(reinterpret_cast<LPOSVERSIONINFOA>(&bad)) == FALSE);
        CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER);
    }
}

TEST_CASE("GetVersionExA reports Windows 2000 Server SP4 by default and what set_system_version sets" *
          platform_cases::posix_emulation_only) {  // on Windows the real version answers
    OSVERSIONINFOEXA ex{};
    ex.dwOSVersionInfoSize = sizeof ex;
    REQUIRE(GetVersionExA(reinterpret_cast<LPOSVERSIONINFOA>(&ex)) == TRUE);
    CHECK(ex.dwMajorVersion == 5);
    CHECK(ex.dwMinorVersion == 0);
    CHECK(ex.dwBuildNumber == 2195);
    CHECK(std::string(ex.szCSDVersion) == "Service Pack 4");
    CHECK(ex.wServicePackMajor == 4);
    CHECK(ex.wProductType == VER_NT_SERVER);
    CHECK(GetVersion() == (5u | (0u << 8) | (2195u << 16)));

    const rasshost::SystemVersion saved = rasshost::system_version();
    rasshost::set_system_version(*rasshost::parse_system_version("5.1.2600-sp3-workstation"));
    REQUIRE(GetVersionExA(reinterpret_cast<LPOSVERSIONINFOA>(&ex)) == TRUE);
    CHECK(ex.dwMinorVersion == 1);
    CHECK(ex.dwBuildNumber == 2600);
    CHECK(std::string(ex.szCSDVersion) == "Service Pack 3");
    CHECK(ex.wProductType == VER_NT_WORKSTATION);
    rasshost::set_system_version(saved);
}

TEST_CASE("A NULL OSVERSIONINFOA: FALSE + ERROR_INVALID_PARAMETER" * platform_cases::posix_emulation_only) {
    // Windows faults on it.
    CHECK(GetVersionExA(nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("parse_system_version reads MAJOR.MINOR.BUILD[-spN][-workstation|-server|-dc] and nothing else") {
    const auto default_version = rasshost::parse_system_version("5.0.2195-sp4-server");
    REQUIRE(default_version);
    CHECK(rasshost::to_string(*default_version) == rasshost::to_string(rasshost::SystemVersion{}));
    const auto nt4 = rasshost::parse_system_version("4.0.1381-sp6");
    REQUIRE(nt4);
    CHECK(nt4->major == 4);
    CHECK(nt4->service_pack_name == "Service Pack 6");
    const auto plain = rasshost::parse_system_version("6.1.7601");
    REQUIRE(plain);
    CHECK(plain->service_pack_major == 0);
    CHECK(plain->service_pack_name.empty());
    CHECK(rasshost::parse_system_version("5.0.2195-dc")->product_type == VER_NT_DOMAIN_CONTROLLER);
    for (const char* bad : {"", "5", "5.0", "5.0.", "5.0.2195-", "5.0.2195-sp", "5.0.2195-server-sp4", "256.0.1",
                            "5.0.65536", "5.0.2195 ", "-5.0.2195", "5.0.2195-sp256", "5..2195"})
        CHECK_MESSAGE(!rasshost::parse_system_version(bad), bad);
}

TEST_CASE("GetSystemInfo: the page size, 64 KiB granularity, the processors and the architecture") {
    SYSTEM_INFO info{};
    GetSystemInfo(&info);
    CHECK(info.dwPageSize == 4096);
    CHECK(info.dwAllocationGranularity == 65536);
    CHECK(info.dwNumberOfProcessors >= 1);
    unsigned bits = 0;
    for (DWORD_PTR mask = info.dwActiveProcessorMask; mask != 0; mask >>= 1) bits += static_cast<unsigned>(mask & 1);
    CHECK(bits == info.dwNumberOfProcessors);
    CHECK(reinterpret_cast<std::uintptr_t>(info.lpMinimumApplicationAddress) == 0x10000);
    CHECK(info.lpMaximumApplicationAddress > info.lpMinimumApplicationAddress);
#if defined(__x86_64__) || defined(_M_X64)
    CHECK(info.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_AMD64);
    CHECK(info.dwProcessorType == PROCESSOR_AMD_X8664);
#endif
}

TEST_CASE("SetEnvironmentVariableA and GetEnvironmentVariableA: size rules, names in any case, NULL deletes") {
    REQUIRE(SetEnvironmentVariableA("RasshostSystemTest", "SomeValue") == TRUE);
    char buffer[32];
    std::strcpy(buffer, "foo");
    CHECK(GetEnvironmentVariableA("RasshostSystemTest", buffer, 0) == 10);  // the size with the NUL
    CHECK(GetEnvironmentVariableA("RasshostSystemTest", buffer, 9) == 10);
    CHECK(std::string(buffer) == "foo");  // untouched
    CHECK(GetEnvironmentVariableA("rASSHOSTsYSTEMtEST", buffer, 10) == 9);
    CHECK(std::string(buffer) == "SomeValue");
    CHECK(SetEnvironmentVariableA("RASSHOSTSYSTEMTEST", "Other") == TRUE);  // the same variable
    CHECK(env("RasshostSystemTest") == "Other");
    CHECK(SetEnvironmentVariableA("RasshostSystemTest", nullptr) == TRUE);
    std::strcpy(buffer, "foo");
    CHECK(GetEnvironmentVariableA("RasshostSystemTest", buffer, sizeof buffer) == 0);
    CHECK(GetLastError() == ERROR_ENVVAR_NOT_FOUND);
    CHECK(std::string(buffer) == "foo");
}

TEST_CASE("SetEnvironmentVariableA refuses an empty name and a name with '=', GetEnvironmentVariableA finds neither") {
    CHECK(SetEnvironmentVariableA("", "x") == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(SetEnvironmentVariableA(nullptr, nullptr) == FALSE);
    // Windows versions differ here (and Wine follows the newer ones): both
    // codes say "no such variable to delete".
    const DWORD no_name_error = GetLastError();
    CHECK((no_name_error == ERROR_INVALID_PARAMETER || no_name_error == ERROR_ENVVAR_NOT_FOUND));
    CHECK(SetEnvironmentVariableA("RASSHOST=BAD", "x") == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    char buffer[8];
    CHECK(GetEnvironmentVariableA("", buffer, sizeof buffer) == 0);
    CHECK(GetLastError() == ERROR_ENVVAR_NOT_FOUND);
    CHECK(GetEnvironmentVariableA(nullptr, buffer, sizeof buffer) == 0);
    CHECK(GetLastError() == ERROR_ENVVAR_NOT_FOUND);
}

TEST_CASE("Deleting a variable that is not set: FALSE + ERROR_ENVVAR_NOT_FOUND") {
    platform_cases::skip_under_wine("Wine deletes a variable that is not set successfully; Windows fails with "
                                    "ERROR_ENVVAR_NOT_FOUND (which .NET's Environment, for one, expects)");
    SetLastError(ERROR_SUCCESS);
    CHECK(SetEnvironmentVariableA("RasshostNeverSet", nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_ENVVAR_NOT_FOUND);
}

TEST_CASE("An empty value is a variable: GetEnvironmentVariableA copies \"\" and returns 0") {
    REQUIRE(SetEnvironmentVariableA("RasshostEmpty", "") == TRUE);
    char buffer[8];
    std::strcpy(buffer, "foo");
    CHECK(GetEnvironmentVariableA("RasshostEmpty", buffer, sizeof buffer) == 0);
    CHECK(buffer[0] == '\0');
    CHECK(GetEnvironmentVariableA("RasshostEmpty", buffer, 0) == 1);
    CHECK(SetEnvironmentVariableA("RasshostEmpty", nullptr) == TRUE);
}

TEST_CASE("The process's environment is seen: PATH, in any letter case") {
    CHECK(GetEnvironmentVariableA("PATH", nullptr, 0) > 1);
    CHECK(GetEnvironmentVariableA("path", nullptr, 0) == GetEnvironmentVariableA("PATH", nullptr, 0));
}

TEST_CASE("The test kit's set_environment reaches GetEnvironmentVariableA") {
    rasshost::test::set_environment("RASSHOST_KIT_VARIABLE", "kit value");
    CHECK(env("RASSHOST_KIT_VARIABLE") == "kit value");
}

TEST_CASE("SetEnvironmentVariableA does not change the C library's getenv (its own copy, as the CRT's on Windows)") {
    REQUIRE(SetEnvironmentVariableA("RASSHOST_PRIVATE_ONLY", "set") == TRUE);
    CHECK(std::getenv("RASSHOST_PRIVATE_ONLY") == nullptr);
    CHECK(SetEnvironmentVariableA("RASSHOST_PRIVATE_ONLY", nullptr) == TRUE);
}

TEST_CASE("The environment calls are safe from many threads at once") {
    std::atomic<int> lost{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &lost] {
            const std::string name = "RASSHOST_THREAD_" + std::to_string(t);
            char buffer[32];
            for (int i = 0; i < 500; ++i) {
                const std::string value = std::to_string(i);
                SetEnvironmentVariableA(name.c_str(), value.c_str());
                const DWORD length = GetEnvironmentVariableA(name.c_str(), buffer, sizeof buffer);
                if (length != value.size() || value != buffer) ++lost;
                GetEnvironmentVariableA("PATH", nullptr, 0);
            }
            SetEnvironmentVariableA(name.c_str(), nullptr);
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(lost == 0);
}

TEST_CASE("GetModuleHandleW: NULL is the program, an unknown name ERROR_MOD_NOT_FOUND") {
    CHECK(GetModuleHandleW(nullptr) == GetModuleHandleA(nullptr));
    CHECK(GetModuleHandleW(L"rasshost-no-such-module") == nullptr);
    CHECK(GetLastError() == ERROR_MOD_NOT_FOUND);
}

TEST_CASE("LoadLibraryW loads a DLL whose name holds a character beyond code page 1252, GetModuleHandleW finds it") {
    // A copy of the legacy fixture named with a Greek letter, in a fresh
    // directory under the temporary one (the POSIX build's fixture file is
    // lib<name>.so, which "<name>.dll" names).
    const std::filesystem::path fixtures = RASSHOST_TEST_FIXTURE_DIR;
    const bool dll_named = std::filesystem::exists(fixtures / "legacy.dll");
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rasshost-wide-module-" + std::to_string(GetCurrentProcessId()));
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(fixtures / (dll_named ? "legacy.dll" : "liblegacy.so"),
                               dir / (dll_named ? u8"\u03BB-legacy.dll" : u8"lib\u03BB-legacy.so"),
                               std::filesystem::copy_options::overwrite_existing);
    std::wstring name = dir.wstring();
    name += static_cast<wchar_t>(std::filesystem::path::preferred_separator);
    name += L"\u03BB-legacy.dll";

    const HMODULE module = LoadLibraryW(name.c_str());
    CHECK(module != nullptr);
    if (module != nullptr) {
        CHECK(GetModuleHandleW(name.c_str()) == module);
        CHECK(GetModuleHandleW(L"\u03BB-legacy.dll") == module);
        CHECK(GetModuleHandleW(L"\u03BB-LEGACY.DLL") == module);
        CHECK(FreeLibrary(module) == TRUE);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

TEST_CASE("LoadLibraryExA: a non-NULL hFile is refused with ERROR_INVALID_PARAMETER" *
          platform_cases::posix_emulation_only) {
    // Microsoft documents hFile as reserved, to be NULL; Wine ignores it, and
    // what Windows does with a non-NULL one is not documented.
    HANDLE not_null = reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(0x1234));
    CHECK(LoadLibraryExA("rasshost-no-such-module", not_null, 0) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("LoadLibraryExA refuses LOAD_LIBRARY_AS_DATAFILE and DONT_RESOLVE_DLL_REFERENCES" *
          platform_cases::posix_emulation_only) {  // Windows honours both
    for (const DWORD flag : {DWORD{LOAD_LIBRARY_AS_DATAFILE}, DWORD{DONT_RESOLVE_DLL_REFERENCES}}) {
        CHECK(LoadLibraryExA("rasman.dll", nullptr, flag) == nullptr);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    }
    CHECK(LoadLibraryExA("rasman.dll", nullptr, LOAD_WITH_ALTERED_SEARCH_PATH) == LoadLibraryA("rasman.dll"));
}

TEST_CASE("DisableThreadLibraryCalls accepts a loaded DLL" * platform_cases::posix_emulation_only) {
    // Windows refuses a module with static TLS, and every image mingw-w64
    // links has a TLS directory (its CRT's): no module of the Windows build
    // qualifies. The emulation has no static TLS to refuse.
    const HMODULE legacy = LoadLibraryA((std::string(RASSHOST_TEST_FIXTURE_DIR) + "/legacy.dll").c_str());
    REQUIRE(legacy != nullptr);
    CHECK(DisableThreadLibraryCalls(legacy) == TRUE);
    CHECK(FreeLibrary(legacy) == TRUE);
}

TEST_CASE("DisableThreadLibraryCalls of a module that is not loaded: FALSE + ERROR_INVALID_HANDLE" *
          platform_cases::posix_emulation_only) {  // Windows' answer for a forged module is not documented
    CHECK(DisableThreadLibraryCalls(reinterpret_cast<HMODULE>(static_cast<std::uintptr_t>(0x7770000))) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("IsBadReadPtr and IsBadWritePtr: 0 bytes is never bad, NULL and wrapping ranges always") {
    CHECK(IsBadReadPtr(nullptr, 0) == FALSE);
    CHECK(IsBadWritePtr(nullptr, 0) == FALSE);
    CHECK(IsBadReadPtr(nullptr, 1) == TRUE);
    CHECK(IsBadWritePtr(nullptr, 1) == TRUE);
    char buffer[16] = "unchanged";
    CHECK(IsBadReadPtr(buffer + 8, ~UINT_PTR{0}) == TRUE);
}

TEST_CASE("IsBadReadPtr and IsBadWritePtr on good memory are FALSE and leave it as it was") {
    char stack[64] = "stack bytes";
    std::vector<char> heap(3 * 4096 + 7, 'h');
    CHECK(IsBadReadPtr(stack, sizeof stack) == FALSE);
    CHECK(IsBadWritePtr(stack, sizeof stack) == FALSE);
    CHECK(IsBadReadPtr(heap.data(), heap.size()) == FALSE);
    CHECK(IsBadWritePtr(heap.data(), heap.size()) == FALSE);
    CHECK(std::string(stack) == "stack bytes");
    for (char c : heap) REQUIRE(c == 'h');
}

TEST_CASE("IsBadWritePtr on a read-only string literal is TRUE, IsBadReadPtr FALSE") {
    static const char literal[] = "read-only";
    CHECK(IsBadReadPtr(literal, sizeof literal) == FALSE);
    CHECK(IsBadWritePtr(const_cast<char*>(literal), sizeof literal) == TRUE);
}

TEST_CASE("IsBadReadPtr on an address no process can read is TRUE") {
    const void* kernel_half = reinterpret_cast<const void*>(~std::uintptr_t{0} - 0xFFFF);
    CHECK(IsBadReadPtr(kernel_half, 1) == TRUE);
    CHECK(IsBadReadPtr(reinterpret_cast<const void*>(std::uintptr_t{0x1000}), 4) == TRUE);
}
