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

// Above 2^32 on 64-bit builds: Win32 ignores a HANDLE's two low bits and
// issues values below 2^31, so an HPORT passed where a HANDLE is expected
// then never names a kernel object (docs/decisions.md#handle-values). Odd,
// for readability in logs.
constexpr std::uintptr_t first_hport = sizeof(std::uintptr_t) == 8 ? (std::uintptr_t{1} << 32 | 1) : 0x70000001;
std::atomic<std::uintptr_t> next_hport{first_hport};

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
