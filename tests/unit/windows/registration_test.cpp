// registered_security_dll(): HKLM\SOFTWARE\Microsoft\RAS\SecurityHost,
// value DLLPath (docs/decisions.md#choosing-the-dll). A scratch key under HKCU stands in for HKLM
// (RegOverridePredefKey), so the test never changes the machine's RAS
// settings, nor the Wine prefix other tests share.
#include <doctest/doctest.h>
#include <rasshost/registration.hpp>
#include <rasshost/win32.h>

#include <string>

namespace {

constexpr const char* security_host = "SOFTWARE\\Microsoft\\RAS\\SecurityHost";

class ScratchLocalMachine {
public:
    ScratchLocalMachine() : path_("Software\\rasshost-test\\hklm-" + std::to_string(GetCurrentProcessId())) {
        REQUIRE(RegCreateKeyExA(HKEY_CURRENT_USER, path_.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &root_,
                                nullptr) == ERROR_SUCCESS);
        REQUIRE(RegOverridePredefKey(HKEY_LOCAL_MACHINE, root_) == ERROR_SUCCESS);
    }
    ~ScratchLocalMachine() {
        RegOverridePredefKey(HKEY_LOCAL_MACHINE, nullptr);
        RegCloseKey(root_);
        RegDeleteTreeA(HKEY_CURRENT_USER, path_.c_str());
    }

    void set(DWORD type, const std::string& value) {
        CHECK(RegSetKeyValueA(root_, security_host, "DLLPath", type, value.c_str(),
                              static_cast<DWORD>(value.size() + 1)) == ERROR_SUCCESS);
    }

    void set_dword(DWORD value) {
        CHECK(RegSetKeyValueA(root_, security_host, "DLLPath", REG_DWORD, &value, sizeof value) == ERROR_SUCCESS);
    }

private:
    std::string path_;
    HKEY root_ = nullptr;
};

}  // namespace

TEST_CASE("DLLPath: no key, no value: no default DLL") {
    ScratchLocalMachine hklm;
    CHECK_FALSE(rasshost::registered_security_dll().has_value());
}

TEST_CASE("DLLPath: a REG_SZ names the DLL as written") {
    ScratchLocalMachine hklm;
    hklm.set(REG_SZ, "C:\\Program Files\\Vendor\\tokencard.dll");
    CHECK(rasshost::registered_security_dll().value_or("") == "C:\\Program Files\\Vendor\\tokencard.dll");
}

TEST_CASE("DLLPath: a REG_EXPAND_SZ has its environment variables expanded") {
    ScratchLocalMachine hklm;
    REQUIRE(SetEnvironmentVariableA("RASSHOST_TEST_VENDOR_DIR", "D:\\vendor"));
    hklm.set(REG_EXPAND_SZ, "%RASSHOST_TEST_VENDOR_DIR%\\tokencard.dll");
    CHECK(rasshost::registered_security_dll().value_or("") == "D:\\vendor\\tokencard.dll");
    SetEnvironmentVariableA("RASSHOST_TEST_VENDOR_DIR", nullptr);
}

TEST_CASE("DLLPath: an empty string or a value of another type is no default") {
    ScratchLocalMachine hklm;
    hklm.set(REG_SZ, "");
    CHECK_FALSE(rasshost::registered_security_dll().has_value());
    hklm.set_dword(1);
    CHECK_FALSE(rasshost::registered_security_dll().has_value());
}
