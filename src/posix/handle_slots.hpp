// The slot array behind the handle table: where a handle's object lives,
// and the lock-free part of a lookup.
//
// One flat array, so a slot's address is base + index * 32: no directory
// load and no chunk arithmetic between a handle and its slot (that chain
// was half the cost of a 64-handle wait). It is one reservation of address
// space for every possible slot, made read-write (committed) in steps as
// the table grows, so slots never move: a reader that found a slot may keep
// using it while the table grows. Memory is bounded by the peak number of
// slots in use at once (plus one step): the open handles, and the closed
// ones whose last possible reader has not left yet (a reader section
// stalled by preemption holds back reuse, epoch.hpp). Slots are reused,
// never returned to the system.
#pragma once

#include "handle_value.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace rasshost::posix {

class KernelObject;

// 32 bytes: two slots per cache line, and a lookup reads one line.
struct alignas(32) Slot {
    // The handle's value while open, else a value naming another slot
    // (handle_value.hpp). The only field a lookup trusts before it reads the
    // others.
    std::atomic<std::uintptr_t> tag{0};
    // The table's reference, and the object's kind (kept here so that a
    // lookup validates a handle without touching the object's memory).
    // Written only while no lookup can reach them: before the open tag is
    // published, and after a closed slot's last possible reader has left
    // (epoch.hpp).
    std::shared_ptr<KernelObject> owner;
    std::uint8_t kind = 0;
    std::uint32_t next = 0;  // free list and closed lists (table mutex only)
};
static_assert(sizeof(Slot) == 32);

class SlotArray {
public:
    // What a lookup needs, read once per HandleReader (after it entered its
    // epoch section): slots [0, capacity) exist at base.
    class View {
    public:
        View(Slot* base, std::uint32_t capacity) noexcept
            : base_(base), end_offset_(std::uintptr_t{capacity} << handle_value::index_shift) {}

        // The open slot a handle names, or nullptr. A handle created after
        // the view was taken is not found, as if the lookup had come first.
        const Slot* find_open(HANDLE handle) const noexcept {
            const Slot* slot = nullptr;
            return find(handle, ~handle_value::not_waitable, slot) ? slot : nullptr;
        }

        // The same, only for an object that can be waited on, as a bool so
        // that a loop tests one condition (this runs 64 times in a
        // WaitForMultipleObjects): a mask, one load and one comparison.
        bool find_waitable(HANDLE handle, const Slot*& slot) const noexcept {
            return find(handle, ~std::uintptr_t{0}, slot);
        }

    private:
        // The index is kept in place (index << 3) and scaled to the 32-byte
        // slot by the address arithmetic, which x86 folds into the load.
        bool find(HANDLE handle, std::uintptr_t tag_mask, const Slot*& slot) const noexcept {
            constexpr std::uintptr_t index_field = std::uintptr_t{handle_value::index_mask} << handle_value::index_shift;
            constexpr std::uintptr_t scale = sizeof(Slot) >> handle_value::index_shift;
            const auto value = reinterpret_cast<std::uintptr_t>(handle);
            const std::uintptr_t offset = value & index_field;
            if (offset >= end_offset_) return false;
            slot = reinterpret_cast<const Slot*>(reinterpret_cast<const char*>(base_) + offset * scale);
            // Sequentially consistent (a plain load on x86): ordered after
            // the section's entry, which the release protocol relies on.
            return (slot->tag.load(std::memory_order_seq_cst) & tag_mask) == value;
        }

        Slot* base_;
        std::uintptr_t end_offset_;  // capacity << index_shift
    };

    View view() const noexcept {
        const std::uint32_t capacity = capacity_.load(std::memory_order_acquire);  // publishes base and slots
        return {base_.load(std::memory_order_relaxed), capacity};
    }

    // Under the table mutex, or for an index a view has just found.
    std::uint32_t capacity() const noexcept { return capacity_.load(std::memory_order_relaxed); }
    Slot& at(std::uint32_t index) const noexcept { return base_.load(std::memory_order_relaxed)[index]; }
    // Makes at least one more slot usable; false when address space or
    // memory runs out (handle_slots.cpp).
    bool grow() noexcept;

private:
    std::atomic<Slot*> base_{nullptr};  // reserved on first growth, then constant
    std::uint32_t reserved_ = 0;        // slots of address space reserved (table mutex)
    std::atomic<std::uint32_t> capacity_{0};
};

// The one slot array (constant-initialised, never destroyed: handles may be
// used during exit).
extern SlotArray handle_slots;

}  // namespace rasshost::posix
