#include "common/dialog_registry.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace rasshost {
namespace {

struct Registry {
    std::mutex mutex;
    std::unordered_map<std::uintptr_t, std::shared_ptr<Dialog>> dialogs;
};

Registry& registry() {
    static Registry* instance = new Registry;  // never destroyed: DLL threads may call at exit
    return *instance;
}

// Distinct from the HANDLE values (4 modulo 8) only for readability in
// logs; HPORTs live in their own namespace anyway.
std::atomic<std::uintptr_t> next_hport{0x70000001};

}  // namespace

HPORT allocate_hport() noexcept {
    return reinterpret_cast<HPORT>(next_hport.fetch_add(2, std::memory_order_relaxed));
}

void register_dialog(HPORT port, std::shared_ptr<Dialog> dialog) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.dialogs.emplace(reinterpret_cast<std::uintptr_t>(port), std::move(dialog));
}

void unregister_dialog(HPORT port) noexcept {
    auto& r = registry();
    std::shared_ptr<Dialog> last;  // released outside the lock
    std::lock_guard lock(r.mutex);
    auto it = r.dialogs.find(reinterpret_cast<std::uintptr_t>(port));
    if (it == r.dialogs.end()) return;
    last = std::move(it->second);
    r.dialogs.erase(it);
}

std::shared_ptr<Dialog> find_dialog(HPORT port) noexcept {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    auto it = r.dialogs.find(reinterpret_cast<std::uintptr_t>(port));
    return it == r.dialogs.end() ? nullptr : it->second;
}

}  // namespace rasshost
