// The rasman.dll shim (src/win32/modules/rasman/): what a legacy security DLL gets
// from LoadLibrary("RASMAN.DLL") on Windows
// (docs/decisions.md#rasman-pseudo-module, docs/decisions.md#calls-after-teardown,
// docs/decisions.md#dllmain).
#include <doctest/doctest.h>
#include <rasshost/test_kit.hpp>

#include "../fake_dll.hpp"

#include <cstring>
#include <string>

namespace rasshost::backend {
void provide_rasman();  // src/win32/modules/rasman_provider.cpp, called by the host before it loads a DLL
}

namespace {

const std::string legacy_dll = std::string(RASSHOST_TEST_FIXTURE_DIR) + "/legacy.dll";

template <class Function>
Function cast(FARPROC proc) {
    return reinterpret_cast<Function>(reinterpret_cast<void (*)()>(proc));
}

}  // namespace

TEST_CASE("LoadLibrary(\"RASMAN.DLL\") finds the shim in the application directory: Send, Receive, GetInfo, no Complete") {
    const HMODULE rasman = LoadLibraryA("RASMAN.DLL");
    REQUIRE(rasman != nullptr);
    CHECK((GetProcAddress(rasman, "RasSecurityDialogSend") != nullptr));
    CHECK((GetProcAddress(rasman, "RasSecurityDialogReceive") != nullptr));
    CHECK((GetProcAddress(rasman, "RasSecurityDialogGetInfo") != nullptr));
    SetLastError(NO_ERROR);
    CHECK((GetProcAddress(rasman, "RasSecurityDialogComplete") == nullptr));
    CHECK(GetLastError() == ERROR_PROC_NOT_FOUND);
    CHECK(FreeLibrary(rasman) == TRUE);
}

TEST_CASE("Before a host registers, the shim knows no HPORT: 601") {
    const HMODULE rasman = LoadLibraryA("rasman.dll");
    REQUIRE(rasman != nullptr);
    const auto send = cast<RASSHOST_PFN_SEND>(GetProcAddress(rasman, "RasSecurityDialogSend"));
    const auto get_info = cast<RASSHOST_PFN_GETINFO>(GetProcAddress(rasman, "RasSecurityDialogGetInfo"));
    BYTE byte = 'x';
    RAS_SECURITY_INFO info{};
    CHECK(send(reinterpret_cast<HPORT>(1), &byte, 1) == ERROR_INVALID_PORT_HANDLE);
    CHECK(get_info(reinterpret_cast<HPORT>(1), &info) == ERROR_INVALID_PORT_HANDLE);
    FreeLibrary(rasman);
}

TEST_CASE("Calls through the shim reach the host's dialog: GetInfo and Send on a live HPORT") {
    rasshost::backend::provide_rasman();
    FakeDll dll;
    rasshost::test::TestHost host(FakeDll::entry_points());
    auto user = host.connect("COM7");
    const BeginCall call = dll.wait_begin();

    const HMODULE rasman = LoadLibraryA("RASMAN.DLL");
    REQUIRE(rasman != nullptr);
    const auto send = cast<RASSHOST_PFN_SEND>(GetProcAddress(rasman, "RasSecurityDialogSend"));
    const auto get_info = cast<RASSHOST_PFN_GETINFO>(GetProcAddress(rasman, "RasSecurityDialogGetInfo"));
    RAS_SECURITY_INFO info{};
    CHECK(get_info(call.port, &info) == NO_ERROR);
    CHECK(std::string(info.DeviceName) == "COM7");
    std::memcpy(call.send_buffer, "Password: ", 10);
    CHECK(send(call.port, call.send_buffer, 10) == PENDING);
    user.expect("Password: ");

    SECURITY_MESSAGE message = verdict(call.port, SECURITYMSG_SUCCESS);
    call.complete(&message);
    CHECK(host.wait_outcome().verdict == rasshost::Verdict::success);
    FreeLibrary(rasman);
}

TEST_CASE("A legacy DLL loaded by the host finds the shim from its DllMain") {
    rasshost::test::TestHost host{std::filesystem::path(legacy_dll)};
    const HMODULE legacy = GetModuleHandleA("legacy.dll");
    REQUIRE(legacy != nullptr);
    const auto rasman_exports = cast<DWORD(WINAPI*)()>(GetProcAddress(legacy, "legacy_probe_rasman_exports"));
    REQUIRE((rasman_exports != nullptr));
    CHECK(rasman_exports() == 7);  // Send, Receive, GetInfo; not Complete
}
