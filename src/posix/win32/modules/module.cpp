// LoadLibrary / GetProcAddress / FreeLibrary / GetModuleHandle over dlopen.
//
// An HMODULE is an opaque number from a registry, never a pointer and never
// reused, so a NULL, forged or freed module fails with ERROR_INVALID_HANDLE
// instead of being dereferenced. Values are 64 KiB apart, as module bases
// are on Windows, and above 2^32, so never a HANDLE even with its low bits
// ignored (handle_value.hpp).
//
// DllMain (docs/decisions.md#dllmain) is called with no lock held: a DllMain may call
// LoadLibrary, GetProcAddress or FreeLibrary itself (legacy DLLs load
// rasman.dll there). Windows' loader lock is replaced by a per-module state:
// while one thread runs a module's DllMain, other threads loading, freeing
// or looking up that module wait, and the same thread passes (recursion), so
// ATTACH runs once however many threads load a module at once. Unlike the
// loader lock, two different DLLs can attach concurrently; two DLLs whose
// DllMains load each other while being loaded on two threads at once would
// wait for each other (Windows forbids such DllMains too).
//
// As on Windows, when DllMain(ATTACH) returns FALSE the loader calls
// DllMain(DETACH) and unloads the DLL, and LoadLibrary fails with
// ERROR_DLL_INIT_FAILED (Microsoft's DllMain documentation).
#include <rasshost/win32.h>

#include <dlfcn.h>
#include <link.h>
#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/debug_output.hpp"
#include "posix/win32/modules/load_error.hpp"
#include "posix/win32/modules/module_library.hpp"
#include "posix/win32/modules/module_load.hpp"
#include "posix/win32/modules/module_names.hpp"
#include "posix/win32/modules/module_threads.hpp"
#include "posix/win32/modules/rasman_module.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

namespace rasshost::posix {
namespace {

using DllMainProc = BOOL(WINAPI*)(HINSTANCE, DWORD, LPVOID);

constexpr std::uintptr_t first_library_value = main_program_value + module_value_step;

// GetProcAddress's name may be an ordinal: a value below 64 KiB.
bool is_ordinal(const char* name) { return reinterpret_cast<std::uintptr_t>(name) < 0x10000; }

enum class State { attaching, ready, detaching };

struct Module {
    std::uintptr_t value = 0;
    std::shared_ptr<Library> library;
    DllMainProc dll_main = nullptr;
    std::vector<std::string> aliases;  // lower-cased names GetModuleHandle accepts
    long references = 1;
    State state = State::attaching;
    std::thread::id busy_thread;  // the thread running its DllMain
};

struct Registry {
    std::mutex mutex;
    std::condition_variable changed;  // a module left attaching or detaching
    std::map<std::uintptr_t, std::shared_ptr<Module>> modules;
    std::uintptr_t next_value = first_library_value;
};

Registry& registry() {
    static Registry* instance = new Registry;  // never destroyed: DLLs may unload at exit
    return *instance;
}

// A symbol defined by this very object, not found through its dependencies
// (dlsym on a handle also searches the libraries it links, e.g. rasshost's
// own exports, which a Windows DLL would not export).
void* own_symbol(void* dl, const char* name) {
    void* address = dlsym(dl, name);
    if (address == nullptr) return nullptr;
    link_map* self = nullptr;
    link_map* owner = nullptr;
    Dl_info info{};
    if (dlinfo(dl, RTLD_DI_LINKMAP, &self) != 0 ||
        dladdr1(address, &info, reinterpret_cast<void**>(&owner), RTLD_DL_LINKMAP) == 0 || owner != self)
        return nullptr;
    return address;
}

template <class Function>
Function as_function(void* address) {
    Function function;
    static_assert(sizeof function == sizeof address);
    std::memcpy(&function, &address, sizeof function);  // object to function pointer, warning-free
    return function;
}

std::vector<std::string> aliases_for(std::string_view requested, void* dl) {
    std::vector<std::string> aliases{ascii_lowercase(requested), module_stem(requested)};
    link_map* map = nullptr;
    if (dlinfo(dl, RTLD_DI_LINKMAP, &map) == 0 && map != nullptr && map->l_name != nullptr)
        for (auto& alias : file_aliases(map->l_name)) aliases.push_back(std::move(alias));
    return aliases;
}

void add_alias(Module& module, std::string alias) {
    for (const auto& known : module.aliases)
        if (known == alias) return;
    module.aliases.push_back(std::move(alias));
}

bool answers_to(const Module& module, std::string_view name) {
    const std::string lower = ascii_lowercase(name);
    const std::string stem = module_stem(name);
    for (const auto& alias : module.aliases)
        if (alias == lower || alias == stem) return true;
    return false;
}

// Whether this thread may use the module now; otherwise it must wait for
// the thread running the module's DllMain.
bool settled_for_me(const Module& module) {
    return module.state == State::ready || module.busy_thread == std::this_thread::get_id();
}

// The module behind an HMODULE once no other thread is in its DllMain;
// nullptr for an unknown or freed value.
std::shared_ptr<Module> find_settled(std::unique_lock<std::mutex>& lock, std::uintptr_t value) {
    auto& r = registry();
    for (;;) {
        auto it = r.modules.find(value);
        if (it == r.modules.end()) return nullptr;
        if (settled_for_me(*it->second)) return it->second;
        r.changed.wait(lock);
    }
}

// dlopen on each candidate file name. On failure the reason kept for the
// caller is dlerror's text for the candidates that exist (a file that is
// not a shared object, or lacks a dependency), else for the name as given.
void* open_library(std::string_view name) {
    std::string errors, reason;
    bool reason_from_existing_file = false;
    for (const auto& candidate : dlopen_candidates(name)) {
        if (void* dl = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL)) return dl;
        const char* error = dlerror();
        const std::string text = error != nullptr ? error : candidate;
        errors += "; ";
        errors += text;
        struct stat status {};
        const bool exists = ::stat(candidate.c_str(), &status) == 0;
        if (reason.empty() || (exists && !reason_from_existing_file)) {
            reason = text;
            reason_from_existing_file = exists;
        }
    }
    debug_log("LoadLibrary(\"" + std::string(name) + "\") found no module: " + errors.substr(2));
    set_load_error(std::move(reason));
    return nullptr;
}

// Runs DllMain(DETACH) outside the lock, then forgets the module; its
// library closes when the last reference to it goes.
void detach_and_forget(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Module>& module) {
    module->state = State::detaching;
    module->busy_thread = std::this_thread::get_id();
    lock.unlock();
    if (module->dll_main != nullptr) module->dll_main(as_hmodule(module->value), DLL_PROCESS_DETACH, nullptr);
    lock.lock();
    registry().modules.erase(module->value);
    registry().changed.notify_all();
}

HMODULE load(std::string_view name) {
    set_load_error({});
    void* dl = open_library(name);
    if (dl == nullptr) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return nullptr;
    }
    auto fresh = std::make_shared<Module>();
    fresh->library = std::make_shared<Library>(dl);
    fresh->dll_main = as_function<DllMainProc>(own_symbol(dl, "DllMain"));
    fresh->aliases = aliases_for(name, dl);

    auto& r = registry();
    std::unique_lock lock(r.mutex);
    for (;;) {  // already loaded (dlopen returns the same handle for the same file)?
        std::shared_ptr<Module> loaded;
        for (const auto& [value, module] : r.modules)
            if (module->library->dl() == dl) loaded = module;
        if (!loaded) break;
        if (!settled_for_me(*loaded)) {
            r.changed.wait(lock);
            continue;
        }
        if (loaded->state == State::detaching) {  // reloading itself from its DETACH
            lock.unlock();
            SetLastError(ERROR_DLL_INIT_FAILED);
            return nullptr;
        }
        ++loaded->references;
        for (auto& alias : fresh->aliases) add_alias(*loaded, std::move(alias));
        return as_hmodule(loaded->value);  // our extra dlopen reference closes with `fresh`
    }
    if (r.next_value > UINTPTR_MAX - module_value_step) {  // never reuse a value
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    fresh->value = r.next_value;
    r.next_value += module_value_step;
    fresh->busy_thread = std::this_thread::get_id();
    r.modules.emplace(fresh->value, fresh);
    const HMODULE module = as_hmodule(fresh->value);

    lock.unlock();
    const BOOL attached = fresh->dll_main == nullptr || fresh->dll_main(module, DLL_PROCESS_ATTACH, nullptr);
    lock.lock();
    if (!attached) {
        detach_and_forget(lock, fresh);
        lock.unlock();
        set_load_error("its DllMain returned FALSE for DLL_PROCESS_ATTACH");
        SetLastError(ERROR_DLL_INIT_FAILED);
        return nullptr;
    }
    fresh->state = State::ready;
    fresh->busy_thread = {};
    r.changed.notify_all();
    return module;
}

void* main_program() {
    static void* const dl = dlopen(nullptr, RTLD_NOW);  // never closed
    return dl;
}

}  // namespace

Library::~Library() {
    // Never unmap code a thread still runs (module_threads.hpp): a worker
    // that called Complete may still be returning through it. One that
    // does not end in time keeps the library mapped for good.
    if (!module_threads::wait_none_running(module_threads::base_of_library(dl_), std::chrono::seconds(5))) {
        debug_log("FreeLibrary: a thread the library started still runs after 5 s; it stays mapped");
        return;
    }
    dlclose(dl_);
}

std::shared_ptr<Library> library_of(std::uintptr_t value) {
    std::unique_lock lock(registry().mutex);
    auto module = find_settled(lock, value);
    return module ? module->library : nullptr;
}

HMODULE load_library(std::string_view name) {
    if (names_rasman(name)) return as_hmodule(rasman_value);
    if (name.empty()) {  // dlopen("") would name the main program
        SetLastError(ERROR_MOD_NOT_FOUND);
        return nullptr;
    }
    return load(name);
}

HMODULE module_handle(std::string_view name) {
    if (names_rasman(name)) return as_hmodule(rasman_value);
    auto& r = registry();
    std::unique_lock lock(r.mutex);
    for (;;) {
        bool must_wait = false;
        for (const auto& [value, module] : r.modules) {
            if (!answers_to(*module, name) || module->state == State::detaching) continue;
            if (settled_for_me(*module)) return as_hmodule(value);
            must_wait = true;
        }
        if (!must_wait) break;
        r.changed.wait(lock);
    }
    SetLastError(ERROR_MOD_NOT_FOUND);
    return nullptr;
}

bool is_loaded_module(HMODULE module) noexcept {
    const auto value = value_of(module);
    if (value == rasman_value || value == main_program_value) return true;
    try {
        return library_of(value) != nullptr;
    } catch (...) {  // a lock that cannot be taken: treat as unknown
        return false;
    }
}

}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName) {
    if (lpLibFileName == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return load_library(ansi_to_utf8(lpLibFileName));
}

extern "C" FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName) {
    const auto value = value_of(hModule);
    std::shared_ptr<Library> library;  // keeps the file open while dlsym runs
    if (value != rasman_value && value != main_program_value) {
        library = library_of(value);
        if (!library) {
            SetLastError(ERROR_INVALID_HANDLE);
            return nullptr;
        }
    }
    // Lookup by ordinal is not offered: ELF objects have no export ordinals.
    FARPROC address = nullptr;
    if (!is_ordinal(lpProcName)) {
        if (library) address = as_function<FARPROC>(own_symbol(library->dl(), lpProcName));
        else if (value == rasman_value) address = rasman_export(lpProcName);
        else address = as_function<FARPROC>(dlsym(main_program(), lpProcName));
    }
    if (address == nullptr) SetLastError(ERROR_PROC_NOT_FOUND);
    return address;
}

extern "C" BOOL WINAPI FreeLibrary(HMODULE hLibModule) {
    const auto value = value_of(hLibModule);
    if (value == rasman_value || value == main_program_value) return TRUE;  // never unloaded
    auto& r = registry();
    std::unique_lock lock(r.mutex);
    auto module = find_settled(lock, value);
    if (!module || module->state == State::detaching) {  // unknown, freed, or being freed
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    // The last reference unloads; a module still in its ATTACH keeps its
    // loader's reference until LoadLibrary has returned.
    if (module->references > 1 || module->state == State::attaching) {
        if (module->references > 1) --module->references;
        return TRUE;
    }
    detach_and_forget(lock, module);
    lock.unlock();
    module.reset();  // may dlclose: outside the lock
    return TRUE;
}

extern "C" HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName) {
    if (lpModuleName == nullptr) return as_hmodule(main_program_value);
    return module_handle(ansi_to_utf8(lpModuleName));
}
