// The example security DLLs (examples/) as the host sees them, before any
// dialog runs: exports, Begin's argument checks, Begin -> worker ->
// Complete -> End, and many of those at once. No host is running, so
// rasman's Send answers ERROR_INVALID_PORT_HANDLE (601) and each
// worker ends with SECURITYMSG_ERROR carrying that code. The dialogs
// themselves are tested through the test kit.
#include <doctest/doctest.h>

#include <rasshost/rasshost.h>

#include "support/platform_cases.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::string example_dir = RASSHOST_EXAMPLE_DIR;
// The examples this build made (all four here; no pam on Windows).
const char* const dll_names[] = {RASSHOST_EXAMPLE_DLL_NAMES};

template <class Function>
Function cast(FARPROC address) {
    return reinterpret_cast<Function>(reinterpret_cast<void (*)()>(address));
}

// Every SECURITY_MESSAGE passed to Complete, by any DLL.
struct Completions {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<SECURITY_MESSAGE> messages;
} completions;

VOID WINAPI record_complete(SECURITY_MESSAGE* message) {
    std::lock_guard lock(completions.mutex);
    completions.messages.push_back(*message);
    completions.changed.notify_all();
}

// Waits for the Complete of `port`; returns it.
SECURITY_MESSAGE wait_complete(HPORT port) {
    std::unique_lock lock(completions.mutex);
    SECURITY_MESSAGE found{};
    bool ok = completions.changed.wait_for(lock, std::chrono::seconds(10), [&] {
        for (const auto& message : completions.messages)
            if (message.hPort == port) {
                found = message;
                return true;
            }
        return false;
    });
    REQUIRE(ok);
    return found;
}

HPORT fake_port(std::uintptr_t n) { return reinterpret_cast<HPORT>(0x7E570000u + n); }

struct Dll {
    HMODULE module;
    RASSHOST_PFN_BEGIN begin;
    RASSHOST_PFN_END end;

    explicit Dll(const std::string& name) {
        module = LoadLibraryA(
            (example_dir + "/" + RASSHOST_EXAMPLE_MODULE_PREFIX + name + RASSHOST_EXAMPLE_MODULE_SUFFIX).c_str());
        REQUIRE(module != nullptr);
        begin = cast<RASSHOST_PFN_BEGIN>(GetProcAddress(module, "RasSecurityDialogBegin"));
        end = cast<RASSHOST_PFN_END>(GetProcAddress(module, "RasSecurityDialogEnd"));
        REQUIRE(static_cast<bool>(begin));
        REQUIRE(static_cast<bool>(end));
    }
    ~Dll() { FreeLibrary(module); }
};

}  // namespace

TEST_CASE("each example DLL exports Begin and End, none of its helpers") {
    for (const char* name : dll_names) {
        CAPTURE(name);
        Dll dll(name);
        for (const char* helper : {"LineInputRead", "LineInputOpen", "DialogPortsBegin", "PasswordFileCheck", "TotpVerify",
                                   "TotpBase32Decode", "LockoutBeginTry", "CheckGateEnter", "LogEscape"}) {
            CAPTURE(helper);
            CHECK_FALSE(static_cast<bool>(GetProcAddress(dll.module, helper)));
        }
    }
}

// Windows calls DllMain as the entry point, unexported; the POSIX emulation
// finds it by name, so there the version script exports it.
TEST_CASE("each example DLL exports DllMain for the POSIX LoadLibrary" * platform_cases::posix_emulation_only) {
    for (const char* name : dll_names) {
        CAPTURE(name);
        Dll dll(name);
        CHECK(static_cast<bool>(GetProcAddress(dll.module, "DllMain")));
    }
}

TEST_CASE("Begin refuses missing buffers or callback without starting a dialog") {
    BYTE send[64], receive[64];
    for (const char* name : dll_names) {
        CAPTURE(name);
        Dll dll(name);
        CHECK(dll.begin(fake_port(1), send, sizeof send, receive, sizeof receive, nullptr) == ERROR_INVALID_PARAMETER);
        CHECK(dll.begin(fake_port(2), nullptr, 0, receive, sizeof receive, record_complete) == ERROR_INVALID_PARAMETER);
        CHECK(dll.begin(fake_port(3), send, sizeof send, nullptr, 0, record_complete) == ERROR_INVALID_PARAMETER);
        // Nothing to end: End still ends (nonzero).
        CHECK(dll.end(fake_port(1)) == ERROR_PORT_DISCONNECTED);
    }
}

TEST_CASE("Begin returns at once, the worker calls Complete, End frees and returns 619") {
    std::uintptr_t n = 100;
    for (const char* name : dll_names) {
        CAPTURE(name);
        Dll dll(name);
        BYTE send[1500], receive[1500];
        HPORT port = fake_port(++n);
        CHECK(dll.begin(port, send, sizeof send, receive, sizeof receive, record_complete) == NO_ERROR);
        SECURITY_MESSAGE message = wait_complete(port);
        CHECK(message.hPort == port);
        CHECK(message.dwMsgId == SECURITYMSG_ERROR);
        CHECK(message.dwError == ERROR_INVALID_PORT_HANDLE);
        CHECK(dll.end(port) == ERROR_PORT_DISCONNECTED);
        CHECK(dll.end(port) == ERROR_PORT_DISCONNECTED);  // already gone
    }
}

TEST_CASE("many dialogs at once, ended from several threads") {
    constexpr int per_thread = 8;
    for (const char* name : dll_names) {
        CAPTURE(name);
        Dll dll(name);
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                std::vector<std::vector<BYTE>> buffers;
                for (int i = 0; i < per_thread; ++i) {
                    HPORT port = fake_port(1000u + static_cast<std::uintptr_t>(t * per_thread + i));
                    buffers.emplace_back(3000);
                    if (dll.begin(port, buffers.back().data(), 1500, buffers.back().data() + 1500, 1500,
                                  record_complete) != NO_ERROR)
                        ++failures;
                }
                for (int i = 0; i < per_thread; ++i) {
                    HPORT port = fake_port(1000u + static_cast<std::uintptr_t>(t * per_thread + i));
                    if (i % 2 == 0) wait_complete(port);  // half end after Complete, half maybe before
                    if (dll.end(port) != ERROR_PORT_DISCONNECTED) ++failures;
                }
            });
        }
        for (auto& thread : threads) thread.join();
        CHECK(failures == 0);
        std::lock_guard lock(completions.mutex);
        completions.messages.clear();
    }
}
