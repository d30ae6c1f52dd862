// TokenGate (tests/fixtures/token_gate.c), a DLL written as for Windows NT 4.0,
// served with everything it reads set up the Windows way: its registry key,
// an INI file, a users file named by a Windows path, the environment. The
// suite itself sets them up with Win32 calls only, so each case means the
// same in both builds: on Windows through the system's registry and files,
// here through the emulation's.
#include "support/platform_cases.hpp"

#include <doctest/doctest.h>

#include <rasshost/event_log.hpp>
#include <rasshost/test_kit.hpp>
#include <rasshost/win32.h>

#include <mutex>
#include <string>
#include <vector>

namespace {

constexpr const char* gate_key = "SOFTWARE\\Acme\\TokenGate";

// A scratch directory in Windows form, with the gate's files, its registry
// key and the variable its UsersFile names; all removed again. The key is
// the one the DLL reads, the same for every case: on Windows the registry
// is shared between processes, so the cases (run in parallel by ctest) take
// turns through a named mutex, which Windows shares too.
class Gate {
public:
    Gate() : turn_(CreateMutexA(nullptr, FALSE, "rasshost-token-gate-test")) {
        REQUIRE(turn_ != nullptr);
        const DWORD waited = WaitForSingleObject(turn_, INFINITE);
        REQUIRE((waited == WAIT_OBJECT_0 || waited == WAIT_ABANDONED));
        char temp[MAX_PATH];
        REQUIRE(GetTempPathA(MAX_PATH, temp) > 0);
        dir_ = std::string(temp) + "tokengate-" + std::to_string(GetCurrentProcessId());
        CreateDirectoryA(dir_.c_str(), nullptr);
        write(dir_ + "\\Users.txt", "alice 1234\r\nBob 9999\r\n");
        ini_ = dir_ + "\\gate.ini";
        REQUIRE(WritePrivateProfileStringA("Gate", "Banner", "Welcome to ACME", ini_.c_str()));
        REQUIRE(SetEnvironmentVariableA("TOKENGATE_DIR", dir_.c_str()));
        REQUIRE(RegCreateKeyExA(HKEY_LOCAL_MACHINE, gate_key, 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key_,
                                nullptr) == ERROR_SUCCESS);
        // Lower case on purpose: the file is Users.txt, found whatever the case.
        set_string("UsersFile", REG_EXPAND_SZ, "%TOKENGATE_DIR%\\USERS.TXT");
        set_string("IniFile", REG_SZ, ini_);
        const DWORD tries = 2;
        REQUIRE(RegSetValueExA(key_, "MaxTries", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&tries), sizeof tries) ==
                ERROR_SUCCESS);
    }
    ~Gate() {
        RegCloseKey(key_);
        RegDeleteKeyA(HKEY_LOCAL_MACHINE, gate_key);
        SetEnvironmentVariableA("TOKENGATE_DIR", nullptr);
        DeleteFileA((dir_ + "\\Users.txt").c_str());
        DeleteFileA(ini_.c_str());
        RemoveDirectoryA(dir_.c_str());
        ReleaseMutex(turn_);
        CloseHandle(turn_);
    }
    Gate(const Gate&) = delete;
    Gate& operator=(const Gate&) = delete;

    void set_string(const char* name, DWORD type, const std::string& value) {
        REQUIRE(RegSetValueExA(key_, name, 0, type, reinterpret_cast<const BYTE*>(value.c_str()),
                               static_cast<DWORD>(value.size() + 1)) == ERROR_SUCCESS);
    }
    const std::string& dir() const { return dir_; }

private:
    static void write(const std::string& path, const std::string& text) {
        const HANDLE file = CreateFileA(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL,
                                        nullptr);
        REQUIRE(file != INVALID_HANDLE_VALUE);
        DWORD written = 0;
        CHECK(WriteFile(file, text.data(), static_cast<DWORD>(text.size()), &written, nullptr));
        CloseHandle(file);
    }

    HANDLE turn_;
    std::string dir_;
    std::string ini_;
    HKEY key_ = nullptr;
};

std::string gate_dll() { return std::string(RASSHOST_TEST_FIXTURE_DIR) + "/token_gate.dll"; }

}  // namespace

TEST_CASE("TokenGate greets with its INI banner and admits a user its registry's users file lists") {
    Gate gate;
    rasshost::test::TestHost host(gate_dll());
    auto user = host.connect();
    user.expect("Welcome to ACME (");
    // The prompt is the INI default "Username: ", which GetPrivateProfileString
    // returns without its trailing blank, as Windows documents.
    user.expect("Username:");
    user.send("ALICE\r");  // names compare without case (_stricmp)
    user.expect("PIN: ");
    user.send("1234\r");
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == rasshost::Verdict::success);
    CHECK(outcome.user == "ALICE");
}

TEST_CASE("TokenGate refuses a wrong PIN as often as MaxTries allows, then fails the caller") {
    Gate gate;
    rasshost::test::TestHost host(gate_dll());
    auto user = host.connect();
    for (int attempt = 0; attempt < 2; ++attempt) {
        user.expect("Username:");
        user.send("bob\r");
        user.expect("PIN: ");
        user.send("0000\r");
        user.expect("Refused.");
    }
    CHECK(host.wait_outcome().verdict == rasshost::Verdict::failure);
}

TEST_CASE("TokenGate shows the system's message when its users file is missing") {
    Gate gate;
    gate.set_string("UsersFile", REG_SZ, gate.dir() + "\\NOFILE.TXT");
    rasshost::test::TestHost host(gate_dll());
    auto user = host.connect();
    user.expect("Username:");
    user.send("alice\r");
    user.expect("PIN: ");
    user.send("1234\r");
    // Windows' text for ERROR_FILE_NOT_FOUND; Wine has a wording of its own.
    user.expect("TokenGate: ");
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == rasshost::Verdict::error);
    CHECK(outcome.error == ERROR_FILE_NOT_FOUND);
}

TEST_CASE("TokenGate's refusals reach the event log with the name as an insert" *
          platform_cases::posix_emulation_only) {
    // The lines' content is the emulation's: on Windows they go to the
    // system's event log, which this suite does not read.
    std::mutex mutex;
    std::vector<std::string> lines;
    rasshost::set_event_log_sink([&](rasshost::LogLevel, std::string_view line) {
        std::lock_guard lock(mutex);
        lines.emplace_back(line);
    });
    {
        Gate gate;
        rasshost::test::TestHost host(gate_dll());
        auto user = host.connect();
        user.expect("Username:");
        user.send("mallory\r");
        user.expect("PIN: ");
        user.send("1\r");
        user.expect("Refused.");
        user.hang_up();
        host.wait_outcome();
    }
    rasshost::set_event_log_sink({});
    std::lock_guard lock(mutex);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("TokenGate") != std::string::npos);
    CHECK(lines[0].find("1001") != std::string::npos);
    CHECK(lines[0].find("mallory") != std::string::npos);
}
