// TlsAlloc / TlsGetValue / TlsSetValue / TlsFree.
//
// Windows clears a freed index's value in every thread. Here every index has
// a generation, bumped by TlsAlloc and by TlsFree (odd while allocated), and
// a thread's slot remembers the generation its value was stored under: a
// value stored under another generation reads as NULL. So TlsFree touches no
// other thread's memory, and TlsGetValue takes no lock and allocates nothing.
//
// A thread's slots are allocated by its first TlsSetValue (the 1024
// expansion slots only when one of them is set, as on Windows) and freed by a
// pthread key destructor when the thread ends. Not by a C++ thread_local
// destructor: registering one lazily ties the thread's exit to this library
// and once deadlocked a DLL unload (docs/decisions.md#thread-local-storage).
#include <rasshost/win32.h>

#include "posix/win32/runtime/last_error.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <pthread.h>

namespace {

constexpr DWORD expansion_slots = 1024;
constexpr DWORD all_slots = TLS_MINIMUM_AVAILABLE + expansion_slots;  // 1088, as on Windows

std::atomic<std::uint64_t> generations[all_slots];  // odd: allocated
std::mutex allocation_mutex;                       // TlsAlloc and TlsFree only

struct Slot {
    void* value;
    std::uint64_t generation;
};

struct Slots {
    Slot base[TLS_MINIMUM_AVAILABLE];
    Slot* expansion;  // expansion_slots of them, or nullptr
};

// Trivially destructible: no thread_local destructor is registered.
// Initial-exec: one load, where the default model calls __tls_get_addr.
__attribute__((tls_model("initial-exec"))) thread_local Slots* this_thread_slots = nullptr;

void free_slots(void* raw) noexcept {
    auto* slots = static_cast<Slots*>(raw);
    std::free(slots->expansion);
    std::free(slots);
    // A later key destructor (a DLL's) may still call TlsGetValue or
    // TlsSetValue: it then sees empty slots, or gets new ones freed by the
    // next destructor round.
    this_thread_slots = nullptr;
}

pthread_key_t& slots_key() noexcept {
    static pthread_key_t key = [] {
        pthread_key_t made{};
        if (pthread_key_create(&made, free_slots) != 0) std::abort();  // only when the process is out of keys at start
        return made;
    }();
    return key;
}

Slots* slots_for_setting() noexcept {
    if (Slots* slots = this_thread_slots) return slots;
    auto* slots = static_cast<Slots*>(std::calloc(1, sizeof(Slots)));
    if (!slots) return nullptr;
    if (pthread_setspecific(slots_key(), slots) != 0) {
        std::free(slots);
        return nullptr;
    }
    this_thread_slots = slots;
    return slots;
}

// The thread's slot for index, or nullptr when it has none yet.
Slot* existing_slot(Slots* slots, DWORD index) noexcept {
    if (!slots) return nullptr;
    if (index < TLS_MINIMUM_AVAILABLE) return &slots->base[index];
    return slots->expansion ? &slots->expansion[index - TLS_MINIMUM_AVAILABLE] : nullptr;
}

}  // namespace

extern "C" DWORD WINAPI TlsAlloc(void) {
    std::lock_guard lock(allocation_mutex);
    for (DWORD index = 0; index < all_slots; ++index) {
        const std::uint64_t generation = generations[index].load(std::memory_order_relaxed);
        if (generation % 2 == 0) {
            generations[index].store(generation + 1, std::memory_order_release);
            return index;
        }
    }
    SetLastError(ERROR_NO_MORE_ITEMS);
    return TLS_OUT_OF_INDEXES;
}

extern "C" LPVOID WINAPI TlsGetValue(DWORD dwTlsIndex) {
    if (dwTlsIndex >= all_slots) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    void* value = nullptr;
    if (const Slot* slot = existing_slot(this_thread_slots, dwTlsIndex);
        slot && slot->generation == generations[dwTlsIndex].load(std::memory_order_acquire))
        value = slot->value;
    rasshost::posix::set_last_error(ERROR_SUCCESS);  // legacy code tells a NULL value from a failure this way
    return value;
}

extern "C" BOOL WINAPI TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue) {
    if (dwTlsIndex >= all_slots) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    Slots* slots = slots_for_setting();
    if (slots && dwTlsIndex >= TLS_MINIMUM_AVAILABLE && !slots->expansion)
        slots->expansion = static_cast<Slot*>(std::calloc(expansion_slots, sizeof(Slot)));
    Slot* slot = existing_slot(slots, dwTlsIndex);
    if (!slot) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    slot->generation = generations[dwTlsIndex].load(std::memory_order_acquire);
    slot->value = lpTlsValue;
    return TRUE;
}

extern "C" BOOL WINAPI TlsFree(DWORD dwTlsIndex) {
    if (dwTlsIndex < all_slots) {
        std::lock_guard lock(allocation_mutex);
        const std::uint64_t generation = generations[dwTlsIndex].load(std::memory_order_relaxed);
        if (generation % 2 == 1) {
            generations[dwTlsIndex].store(generation + 1, std::memory_order_release);
            return TRUE;
        }
    }
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}
