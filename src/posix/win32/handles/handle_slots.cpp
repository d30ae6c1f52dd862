// Growing the slot array: one reservation of address space (never
// committed as a whole), made read-write step by step.
#include "posix/win32/handles/handle_slots.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <new>
#include <sys/mman.h>

// Slots live outside the malloc heap, so LeakSanitizer must be told to scan
// them: otherwise every object still open at exit would look leaked.
#if defined(__SANITIZE_ADDRESS__)
#define RASSHOST_SCAN_SLOTS_FOR_LEAKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RASSHOST_SCAN_SLOTS_FOR_LEAKS 1
#endif
#endif
#ifdef RASSHOST_SCAN_SLOTS_FOR_LEAKS
#include <sanitizer/lsan_interface.h>
#endif

namespace rasshost::posix {

constinit SlotArray handle_slots;

constinit const Slot SlotArray::no_slots_[2] = {Slot(handle_value::closed_tag(0, 0)), Slot(handle_value::closed_tag(1, 0))};

namespace {

// The first commitment: 2048 slots (64 KiB, a whole number of pages).
constexpr std::uint32_t first_commit = 2048;
// Address space for every index a handle can carry (8 MiB, committed only
// as used); less where the address space is limited (RLIMIT_AS), down to
// 65,536 slots (2 MiB). Always a power of two, like every capacity.
constexpr std::uint32_t most_slots = handle_value::slot_count;
constexpr std::uint32_t fewest_slots = 1u << 16;
static_assert(std::has_single_bit(most_slots) && std::has_single_bit(first_commit) && first_commit <= fewest_slots);

Slot* reserve(std::uint32_t& slots) noexcept {
    for (std::uint32_t n = most_slots; n >= fewest_slots; n /= 2) {
        void* address = mmap(nullptr, std::size_t{n} * sizeof(Slot), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (address != MAP_FAILED) {
            slots = n;
            return static_cast<Slot*>(address);
        }
    }
    return nullptr;
}

}  // namespace

bool SlotArray::grow() noexcept {
    Slot* base = base_.load(std::memory_order_relaxed);
    if (!base) {
        base = reserve(reserved_);
        if (!base) return false;
        base_.store(base, std::memory_order_relaxed);  // published with the capacity below
    }
    const std::uint32_t from = capacity();
    const std::uint32_t to = std::min(from == 0 ? first_commit : from * 2, reserved_);
    if (to == from) return false;
    const std::size_t bytes = std::size_t{to - from} * sizeof(Slot);
    if (mprotect(base + from, bytes, PROT_READ | PROT_WRITE) != 0) return false;  // out of memory
    for (std::uint32_t i = from; i < to; ++i) {
        Slot* slot = new (base + i) Slot;  // never destroyed, like the array
        slot->tag.store(handle_value::closed_tag(i, 0), std::memory_order_relaxed);
    }
#ifdef RASSHOST_SCAN_SLOTS_FOR_LEAKS
    __lsan_register_root_region(base + from, bytes);
#endif
    capacity_.store(to, std::memory_order_release);  // publishes base and the new slots
    return true;
}

}  // namespace rasshost::posix
