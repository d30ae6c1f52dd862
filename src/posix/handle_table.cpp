#include "handle_table.hpp"

#include <mutex>
#include <new>
#include <unordered_map>

namespace rasshost::posix {
namespace {

// Values are multiples of 4 (as Windows handles are), start well above the
// small integers code may confuse with handles, and are never reused, so a
// stale handle can never name a newer object.
constexpr std::uintptr_t first_handle_value = 0x1000;
constexpr std::uintptr_t handle_value_step = 4;

struct HandleTable {
    std::mutex mutex;
    std::unordered_map<std::uintptr_t, std::shared_ptr<KernelObject>> objects;
    std::uintptr_t next_value = first_handle_value;
};

HandleTable& table() {
    static HandleTable* instance = new HandleTable;  // never destroyed: handles may be used at exit
    return *instance;
}

}  // namespace

HANDLE insert_handle(std::shared_ptr<KernelObject> object) noexcept {
    auto& t = table();
    try {
        std::lock_guard lock(t.mutex);
        const auto value = t.next_value;
        t.objects.emplace(value, std::move(object));
        t.next_value += handle_value_step;
        return reinterpret_cast<HANDLE>(value);
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
}

std::shared_ptr<KernelObject> lookup_handle(HANDLE handle) noexcept {
    auto& t = table();
    std::lock_guard lock(t.mutex);
    auto it = t.objects.find(reinterpret_cast<std::uintptr_t>(handle));
    return it == t.objects.end() ? nullptr : it->second;
}

std::size_t lookup_handles(const HANDLE* handles, std::size_t count, std::shared_ptr<KernelObject>* out) noexcept {
    auto& t = table();
    std::lock_guard lock(t.mutex);
    for (std::size_t i = 0; i < count; ++i) {
        auto it = t.objects.find(reinterpret_cast<std::uintptr_t>(handles[i]));
        if (it == t.objects.end()) return i;
        out[i] = it->second;
    }
    return count;
}

std::shared_ptr<KernelObject> remove_handle(HANDLE handle) noexcept {
    auto& t = table();
    std::shared_ptr<KernelObject> object;
    {
        std::lock_guard lock(t.mutex);
        auto it = t.objects.find(reinterpret_cast<std::uintptr_t>(handle));
        if (it == t.objects.end()) return nullptr;
        object = std::move(it->second);
        t.objects.erase(it);
    }
    return object;  // may be the last reference: destroyed outside the lock
}

}  // namespace rasshost::posix

// CloseHandle works on every closable kind; the process heap is not closable
// (Windows destroys heaps with HeapDestroy, never CloseHandle).
extern "C" BOOL WINAPI CloseHandle(HANDLE hObject) {
    using rasshost::posix::KernelObject;
    auto object = rasshost::posix::lookup_handle(hObject);
    if (!object || object->kind() == KernelObject::Kind::heap || !rasshost::posix::remove_handle(hObject)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
