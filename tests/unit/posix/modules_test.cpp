// LoadLibrary / GetProcAddress / FreeLibrary / GetModuleHandle: the rasman
// pseudo-module (docs/decisions.md#rasman-pseudo-module), dlopen of security
// DLLs with the lib<name>.so rule, DllMain (docs/decisions.md#dllmain) and
// HMODULE validation (docs/decisions.md#module-handles).
#include <doctest/doctest.h>
#include <rasshost/debug_output.hpp>
#include <rasshost/rasshost.h>

#include <dlfcn.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <cstring>
#include <initializer_list>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::string fixture_dir = RASSHOST_TEST_FIXTURE_DIR;
const std::string legacy_dll = fixture_dir + "/legacy.dll";       // resolves to liblegacy.so
const std::string legacy_so = fixture_dir + "/liblegacy.so";
const std::string failing_so = fixture_dir + "/libfailing_dllmain.so";
const std::string lingering_so = fixture_dir + "/liblingering_worker.so";
const std::string first_wait_so = fixture_dir + "/libfirst_wait_at_unload.so";

using Probe = LONG (*)();
using ExportsProbe = DWORD (*)();

template <class Function>
Function cast(FARPROC address) {
    return reinterpret_cast<Function>(reinterpret_cast<void (*)()>(address));
}

template <class Function>
Function raw_symbol(void* dl, const char* name) {
    void* address = dlsym(dl, name);
    Function function;
    std::memcpy(&function, &address, sizeof function);
    return function;
}

template <class Function>
FARPROC farproc_of(Function* function) {
    return reinterpret_cast<FARPROC>(reinterpret_cast<void (*)()>(function));
}

// A dlopen reference of the test's own that keeps a fixture mapped (and its
// counters alive) across the last FreeLibrary, so DETACH can be observed.
struct Pin {
    void* dl;
    explicit Pin(const std::string& path) : dl(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) { REQUIRE(dl != nullptr); }
    ~Pin() { dlclose(dl); }
    Pin(const Pin&) = delete;
    Pin& operator=(const Pin&) = delete;
};

}  // namespace

TEST_CASE("LoadLibraryA of rasman.dll in any case, path or extension gives the pseudo-module") {
    const HMODULE rasman = LoadLibraryA("rasman.dll");
    REQUIRE(rasman != nullptr);
    for (const char* name : {"RASMAN.DLL", "Rasman.Dll", "rasman", "RASMAN", "C:\\WINNT\\SYSTEM32\\RasMan.Dll",
                             "C:\\WINNT\\system32\\rasman.dll", "/x/y/rasman.dll", "/x/y/RASMAN"}) {
        CAPTURE(name);
        CHECK(LoadLibraryA(name) == rasman);
    }
    CHECK(LoadLibraryW(L"RasMan.dll") == rasman);
    CHECK(GetModuleHandleA("RASMAN.DLL") == rasman);
    CHECK(GetModuleHandleA("c:\\winnt\\system32\\rasman") == rasman);
    CHECK(FreeLibrary(rasman) == TRUE);
    CHECK(FreeLibrary(rasman) == TRUE);  // reference counting on it is harmless
    CHECK((GetProcAddress(rasman, "RasSecurityDialogSend") != nullptr));
}

TEST_CASE("The rasman pseudo-module exports Send, Receive and GetInfo: the host's own functions") {
    const HMODULE rasman = LoadLibraryA("RASMAN.DLL");
    CHECK((GetProcAddress(rasman, "RasSecurityDialogSend") == farproc_of(&RasSecurityDialogSend)));
    CHECK((GetProcAddress(rasman, "RasSecurityDialogReceive") == farproc_of(&RasSecurityDialogReceive)));
    CHECK((GetProcAddress(rasman, "RasSecurityDialogGetInfo") == farproc_of(&RasSecurityDialogGetInfo)));
    FreeLibrary(rasman);
}

TEST_CASE("rasman does not export RasSecurityDialogComplete: NULL + ERROR_PROC_NOT_FOUND") {
    const HMODULE rasman = LoadLibraryA("rasman.dll");
    for (const char* name : {"RasSecurityDialogComplete", "RasSecurityDialogBegin", "rassecuritydialogsend", ""}) {
        CAPTURE(name);
        SetLastError(NO_ERROR);
        CHECK((GetProcAddress(rasman, name) == nullptr));
        CHECK(GetLastError() == ERROR_PROC_NOT_FOUND);
    }
}

TEST_CASE("GetProcAddress by ordinal is not supported: NULL + ERROR_PROC_NOT_FOUND") {
    const HMODULE rasman = LoadLibraryA("rasman.dll");
    SetLastError(NO_ERROR);
    CHECK((GetProcAddress(rasman, reinterpret_cast<LPCSTR>(std::uintptr_t{1})) == nullptr));
    CHECK(GetLastError() == ERROR_PROC_NOT_FOUND);
    const HMODULE legacy = LoadLibraryA(legacy_so.c_str());
    REQUIRE(legacy != nullptr);
    SetLastError(NO_ERROR);
    CHECK((GetProcAddress(legacy, reinterpret_cast<LPCSTR>(std::uintptr_t{2})) == nullptr));
    CHECK(GetLastError() == ERROR_PROC_NOT_FOUND);
    CHECK(FreeLibrary(legacy) == TRUE);
}

TEST_CASE("A security DLL loads by its .dll name (lib<name>.so rule) and by its .so path as one HMODULE, DllMain ATTACH runs once") {
    const HMODULE by_dll_name = LoadLibraryA(legacy_dll.c_str());
    REQUIRE(by_dll_name != nullptr);
    const HMODULE by_path = LoadLibraryA(legacy_so.c_str());
    CHECK(by_path == by_dll_name);
    CHECK((GetProcAddress(by_dll_name, "RasSecurityDialogBegin") != nullptr));
    CHECK((GetProcAddress(by_dll_name, "RasSecurityDialogEnd") != nullptr));
    const auto attach_calls = cast<Probe>(GetProcAddress(by_dll_name, "legacy_probe_attach_calls"));
    REQUIRE((attach_calls != nullptr));
    CHECK(attach_calls() == 1);
    CHECK(FreeLibrary(by_path) == TRUE);
    CHECK(FreeLibrary(by_dll_name) == TRUE);
}

TEST_CASE("LoadLibrary(\"RASMAN.DLL\") works inside DllMain: the DLL found Send/Receive/GetInfo but not Complete") {
    const HMODULE legacy = LoadLibraryA(legacy_dll.c_str());
    REQUIRE(legacy != nullptr);
    const auto rasman_exports = cast<ExportsProbe>(GetProcAddress(legacy, "legacy_probe_rasman_exports"));
    REQUIRE((rasman_exports != nullptr));
    CHECK(rasman_exports() == 7);
    using Begin = DWORD(WINAPI*)(HPORT, PBYTE, DWORD, PBYTE, DWORD, VOID(WINAPI*)(SECURITY_MESSAGE*));
    const auto begin = cast<Begin>(GetProcAddress(legacy, "RasSecurityDialogBegin"));
    REQUIRE((begin != nullptr));
    CHECK(begin(nullptr, nullptr, 0, nullptr, 0, nullptr) == NO_ERROR);  // it holds rasman
    CHECK(FreeLibrary(legacy) == TRUE);
}

TEST_CASE("The last FreeLibrary calls DllMain(DLL_PROCESS_DETACH) once, earlier ones do not") {
    const HMODULE first = LoadLibraryA(legacy_dll.c_str());
    REQUIRE(first != nullptr);
    Pin pin(legacy_so);  // keeps the counters readable after the unload
    const auto detach_calls = raw_symbol<Probe>(pin.dl, "legacy_probe_detach_calls");
    const auto attach_calls = raw_symbol<Probe>(pin.dl, "legacy_probe_attach_calls");
    REQUIRE((detach_calls != nullptr));
    const LONG detached_before = detach_calls();
    const LONG attached_before = attach_calls();
    const HMODULE second = LoadLibraryA(legacy_so.c_str());
    CHECK(second == first);
    CHECK(FreeLibrary(second) == TRUE);
    CHECK(detach_calls() == detached_before);
    CHECK(FreeLibrary(first) == TRUE);
    CHECK(detach_calls() == detached_before + 1);
    CHECK(attach_calls() == attached_before);
    SetLastError(NO_ERROR);
    CHECK(FreeLibrary(first) == FALSE);  // already freed
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("Loading again after the last FreeLibrary attaches again with a new HMODULE (never reused)") {
    const HMODULE first = LoadLibraryA(legacy_dll.c_str());
    REQUIRE(first != nullptr);
    CHECK(FreeLibrary(first) == TRUE);
    const HMODULE again = LoadLibraryA(legacy_dll.c_str());
    REQUIRE(again != nullptr);
    CHECK(again != first);
    SetLastError(NO_ERROR);
    CHECK((GetProcAddress(first, "RasSecurityDialogBegin") == nullptr));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK((GetProcAddress(again, "RasSecurityDialogBegin") != nullptr));
    CHECK(FreeLibrary(again) == TRUE);
}

TEST_CASE("Concurrent LoadLibrary of one DLL calls DllMain ATTACH once and returns one HMODULE") {
    Pin pin(legacy_so);
    const auto attach_calls = raw_symbol<Probe>(pin.dl, "legacy_probe_attach_calls");
    const auto detach_calls = raw_symbol<Probe>(pin.dl, "legacy_probe_detach_calls");
    constexpr int thread_count = 8;
    for (int round = 0; round < 25; ++round) {
        const LONG attached_before = attach_calls();
        const LONG detached_before = detach_calls();
        std::vector<HMODULE> loaded(thread_count);
        std::vector<std::thread> threads;
        for (int i = 0; i < thread_count; ++i)
            threads.emplace_back([&, i] { loaded[i] = LoadLibraryA(i % 2 ? legacy_dll.c_str() : legacy_so.c_str()); });
        for (auto& thread : threads) thread.join();
        REQUIRE(loaded[0] != nullptr);
        for (HMODULE module : loaded) CHECK(module == loaded[0]);
        CHECK(attach_calls() == attached_before + 1);
        std::vector<BOOL> freed(thread_count);
        threads.clear();
        for (int i = 0; i < thread_count; ++i) threads.emplace_back([&, i] { freed[i] = FreeLibrary(loaded[i]); });
        for (auto& thread : threads) thread.join();
        for (BOOL result : freed) CHECK(result == TRUE);
        CHECK(detach_calls() == detached_before + 1);
    }
}

TEST_CASE("LoadLibrary of a missing module: NULL + ERROR_MOD_NOT_FOUND (126)") {
    for (const std::string& name : {std::string("no_such_security.dll"), fixture_dir + "/missing.dll",
                                    std::string("/nonexistent/dir/token"), std::string("")}) {
        CAPTURE(name);
        SetLastError(NO_ERROR);
        CHECK(LoadLibraryA(name.c_str()) == nullptr);
        CHECK(GetLastError() == ERROR_MOD_NOT_FOUND);
    }
}

TEST_CASE("LoadLibrary's reason for a missing module (dlerror) goes only to the debug output") {
    std::string logged;
    rasshost::set_debug_output([&](std::string_view text) { logged += text; });
    CHECK(LoadLibraryA("no_such_security.dll") == nullptr);
    rasshost::set_debug_output(nullptr);
    CHECK(logged.find("rasshost: LoadLibrary(\"no_such_security.dll\")") != std::string::npos);
    CHECK(logged.find("libno_such_security.so") != std::string::npos);
}

TEST_CASE("LoadLibraryA/W with a NULL name: NULL + ERROR_INVALID_PARAMETER") {
    SetLastError(NO_ERROR);
    CHECK(LoadLibraryA(nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    CHECK(LoadLibraryW(nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("LoadLibraryW converts the wide name and follows LoadLibraryA's rules") {
    const std::wstring wide(legacy_dll.begin(), legacy_dll.end());
    const HMODULE by_wide = LoadLibraryW(wide.c_str());
    REQUIRE(by_wide != nullptr);
    const HMODULE by_narrow = LoadLibraryA(legacy_so.c_str());
    CHECK(by_wide == by_narrow);
    CHECK(FreeLibrary(by_narrow) == TRUE);
    CHECK(FreeLibrary(by_wide) == TRUE);
}

TEST_CASE("GetProcAddress of a missing export: NULL + ERROR_PROC_NOT_FOUND (127), also for symbols of its dependencies") {
    const HMODULE legacy = LoadLibraryA(legacy_so.c_str());
    REQUIRE(legacy != nullptr);
    for (const char* name : {"NoSuchExport", "rassecuritydialogbegin", "GetLastError", "RasSecurityDialogSend"}) {
        CAPTURE(name);
        SetLastError(NO_ERROR);
        CHECK((GetProcAddress(legacy, name) == nullptr));
        CHECK(GetLastError() == ERROR_PROC_NOT_FOUND);
    }
    CHECK(FreeLibrary(legacy) == TRUE);
}

TEST_CASE("GetProcAddress / FreeLibrary with a NULL, forged or freed HMODULE: ERROR_INVALID_HANDLE, never a crash") {
    const HMODULE freed = LoadLibraryA(legacy_so.c_str());
    REQUIRE(freed != nullptr);
    REQUIRE(FreeLibrary(freed) == TRUE);
    int local = 0;
    for (HMODULE bad : {HMODULE{}, freed, reinterpret_cast<HMODULE>(&local), reinterpret_cast<HMODULE>(0x1000),
                        reinterpret_cast<HMODULE>(INVALID_HANDLE_VALUE)}) {
        SetLastError(NO_ERROR);
        CHECK((GetProcAddress(bad, "RasSecurityDialogBegin") == nullptr));
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        SetLastError(NO_ERROR);
        CHECK(FreeLibrary(bad) == FALSE);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
}

TEST_CASE("A DLL whose DllMain returns FALSE: DETACH is called, LoadLibrary returns NULL + ERROR_DLL_INIT_FAILED (1114)") {
    Pin pin(failing_so);
    const auto attach_calls = raw_symbol<Probe>(pin.dl, "failing_probe_attach_calls");
    const auto detach_calls = raw_symbol<Probe>(pin.dl, "failing_probe_detach_calls");
    const LONG attached_before = attach_calls();
    const LONG detached_before = detach_calls();
    SetLastError(NO_ERROR);
    CHECK(LoadLibraryA(failing_so.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_DLL_INIT_FAILED);
    CHECK(attach_calls() == attached_before + 1);
    CHECK(detach_calls() == detached_before + 1);  // Windows calls DETACH before unloading
    SetLastError(NO_ERROR);
    CHECK(GetModuleHandleA(failing_so.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_MOD_NOT_FOUND);
}

TEST_CASE("GetModuleHandleA(NULL) names the main program, GetProcAddress on it uses the program's symbol scope") {
    const HMODULE program = GetModuleHandleA(nullptr);
    REQUIRE(program != nullptr);
    CHECK(GetModuleHandleA(nullptr) == program);
    CHECK((GetProcAddress(program, "RasSecurityDialogSend") == farproc_of(&RasSecurityDialogSend)));
    SetLastError(NO_ERROR);
    CHECK((GetProcAddress(program, "NoSuchSymbolAnywhere") == nullptr));
    CHECK(GetLastError() == ERROR_PROC_NOT_FOUND);
    CHECK(FreeLibrary(program) == TRUE);
    CHECK(GetModuleHandleA(nullptr) == program);
}

TEST_CASE("GetModuleHandleA finds a loaded DLL by its LoadLibrary name or base name, any case, without a reference") {
    SetLastError(NO_ERROR);
    CHECK(GetModuleHandleA("legacy.dll") == nullptr);
    CHECK(GetLastError() == ERROR_MOD_NOT_FOUND);
    const HMODULE legacy = LoadLibraryA(legacy_dll.c_str());
    REQUIRE(legacy != nullptr);
    for (const std::string& name : {legacy_dll, legacy_so, std::string("legacy.dll"), std::string("LEGACY.DLL"),
                                    std::string("Legacy"), std::string("liblegacy.so"),
                                    std::string("C:\\WINNT\\System32\\Legacy.Dll")}) {
        CAPTURE(name);
        CHECK(GetModuleHandleA(name.c_str()) == legacy);
    }
    CHECK(FreeLibrary(legacy) == TRUE);  // GetModuleHandle added no reference: this was the last
    SetLastError(NO_ERROR);
    CHECK(GetModuleHandleA("legacy.dll") == nullptr);
    CHECK(GetLastError() == ERROR_MOD_NOT_FOUND);
    SetLastError(NO_ERROR);
    CHECK(GetModuleHandleA("never_loaded") == nullptr);
    CHECK(GetLastError() == ERROR_MOD_NOT_FOUND);
}

TEST_CASE("CloseHandle does not accept an HMODULE") {
    const HMODULE legacy = LoadLibraryA(legacy_so.c_str());
    REQUIRE(legacy != nullptr);
    SetLastError(NO_ERROR);
    CHECK(CloseHandle(reinterpret_cast<HANDLE>(legacy)) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK((GetProcAddress(legacy, "RasSecurityDialogBegin") != nullptr));
    CHECK(FreeLibrary(legacy) == TRUE);
}

TEST_CASE("FreeLibrary does not unmap a module while a thread it started still runs its code") {
    const HMODULE module = LoadLibraryA(lingering_so.c_str());
    REQUIRE(module != nullptr);
    using Start = BOOL (*)(HANDLE, LONG*);
    const auto start = cast<Start>(GetProcAddress(module, "StartLingeringWorker"));
    REQUIRE(static_cast<bool>(start));
    const HANDLE started = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    LONG state = 0;
    REQUIRE(start(started, &state));
    REQUIRE(WaitForSingleObject(started, 5000) == WAIT_OBJECT_0);  // the worker is inside the module now
    // The last reference: the library may be unmapped only after the worker
    // left its code (it sets 2 just before returning). Unmapped earlier, the
    // worker would crash returning into nothing.
    CHECK(FreeLibrary(module) == TRUE);
    CHECK(state == 2);
    CloseHandle(started);
}

TEST_CASE("a thread's first wait needs no loader lock: a module's unload may wait for such a thread") {
    // Emulation only: the module's destructor runs inside dlclose, under the
    // loader's lock, and joins a thread that makes its first Win32 wait just
    // then. Had setting up that wait registered a thread_local destructor
    // (which takes the same lock), FreeLibrary would never return.
    const HMODULE module = LoadLibraryA(first_wait_so.c_str());
    REQUIRE(module != nullptr);
    auto unloading = std::async(std::launch::async, [module] { return FreeLibrary(module); });
    if (unloading.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
        FAIL_CHECK("FreeLibrary did not return within 30 s: the worker's first wait waits for the loader lock");
        std::_Exit(1);  // the unloading thread cannot be joined
    }
    CHECK(unloading.get() == TRUE);
}
