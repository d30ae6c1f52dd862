#include "posix/win32/modules/module_threads.hpp"

#include <dlfcn.h>
#include <link.h>

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>

namespace rasshost::posix::module_threads {
namespace {

struct Running {
    std::mutex mutex;
    std::condition_variable changed;
    std::map<const void*, std::size_t> threads;  // object base -> threads running in it
};

Running& running() {
    static Running* r = new Running;  // never destroyed: threads may end during exit
    return *r;
}

}  // namespace

const void* base_of_code(const void* code) noexcept {
    Dl_info info{};
    return code != nullptr && dladdr(code, &info) != 0 ? info.dli_fbase : nullptr;
}

const void* base_of_library(void* dl) noexcept {
    link_map* map = nullptr;
    if (dl == nullptr || dlinfo(dl, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr) return nullptr;
    return base_of_code(map->l_ld);  // the object's dynamic section lies inside it
}

void started(const void* base) noexcept {
    if (base == nullptr) return;
    auto& r = running();
    std::lock_guard lock(r.mutex);
    try {
        ++r.threads[base];
    } catch (...) {
        // Out of memory: the thread goes untracked (as before this existed).
    }
}

void ended(const void* base) noexcept {
    if (base == nullptr) return;
    auto& r = running();
    {
        std::lock_guard lock(r.mutex);
        auto it = r.threads.find(base);
        if (it == r.threads.end()) return;
        if (--it->second == 0) r.threads.erase(it);
    }
    r.changed.notify_all();
}

bool wait_none_running(const void* base, std::chrono::milliseconds timeout) noexcept {
    if (base == nullptr) return true;
    auto& r = running();
    std::unique_lock lock(r.mutex);
    return r.changed.wait_for(lock, timeout, [&] { return r.threads.count(base) == 0; });
}

}  // namespace rasshost::posix::module_threads
