// The slot array behind the handle table: where a handle's object lives,
// and the lock-free part of a lookup.
//
// One flat array, so a slot's address is base + index * 32: no directory
// load and no chunk arithmetic between a handle and its slot (that chain
// was half the cost of a 64-handle wait). It is one reservation of address
// space for every possible slot, made read-write (committed) as the table
// grows, doubling each time (lookups mask an index to the power-of-two
// capacity), so slots never move: a reader that found a slot may keep using
// it while the table grows. Memory is bounded by twice the peak number of
// slots in use at once (at least 64 KiB): the open handles, and the closed
// ones whose last possible reader has not left yet (a reader section
// stalled by preemption holds back reuse, epoch.hpp). Slots are reused,
// never returned to the system.
#pragma once

#include "posix/win32/handles/handle_value.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace rasshost::posix {

class KernelObject;

// 32 bytes: two slots per cache line, and a lookup reads one line.
struct alignas(32) Slot {
    Slot() = default;
    constexpr explicit Slot(std::uintptr_t initial_tag) noexcept : tag(initial_tag) {}

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
    // For a waitable object: a copy of its signal state (0 or 1), kept by
    // the wait subsystem under its lock while the handle is open, so a wait
    // over many handles reads each state from the slot it validates anyway
    // and never touches the objects' memory (wait_subsystem.hpp). Only one
    // handle's slot holds it (the tag says which, handle_value.hpp).
    std::atomic<std::uint8_t> signal{0};
    std::uint32_t next = 0;  // free list and closed lists (table mutex only)
};
static_assert(sizeof(Slot) == 32);

class SlotArray {
public:
    // What a lookup needs, read once per HandleReader (after it entered its
    // epoch section): slots [0, capacity) exist at base, and capacity is a
    // power of two (at least 2).
    //
    // A handle's index is masked to the capacity, so a lookup reads a slot
    // that exists without a bounds test and the loop of a 64-handle wait has
    // no branch per handle. A handle whose index lies beyond the capacity
    // reads a slot whose tag names another index (an open tag its own, a
    // closed tag index ^ 1: never congruent), so it is not found.
    class View {
    public:
        View(const Slot* base, std::uint32_t capacity) noexcept
            : base_(base), index_field_((std::uintptr_t{capacity} - 1) << handle_value::index_shift) {}

        // The open slot a handle names, or nullptr. A handle created after
        // the view was taken may or may not be found, as if the lookup had
        // come before or after it.
        const Slot* find_open(HANDLE handle) const noexcept {
            const auto value = reinterpret_cast<std::uintptr_t>(handle);
            const Slot* slot = slot_for(value);
            return (tag_of(slot) & ~handle_value::tag_flags) == value ? slot : nullptr;
        }

        // The same, only for an object that can be waited on (whichever of
        // its handles holds its state), as a bool so that a loop tests one
        // condition: a mask, one load and one comparison.
        bool find_waitable(HANDLE handle, const Slot*& slot) const noexcept {
            const auto value = reinterpret_cast<std::uintptr_t>(handle);
            slot = slot_for(value);
            return (tag_of(slot) & ~handle_value::indirect) == value;
        }

        // For a loop over many handles, without a branch: `slot` is always a
        // readable slot, and the result is zero exactly when it is the open
        // slot `handle` names AND that slot holds the copy of the object's
        // state (Slot::signal): a waitable object's first handle. Any other
        // handle (another handle to the same object, a closed or unknown
        // one) gives non-zero; the caller then falls back to find_waitable
        // and the object's own state. OR the results of a loop together and
        // test once.
        std::uintptr_t probe_waitable(HANDLE handle, const Slot*& slot) const noexcept {
            const auto value = reinterpret_cast<std::uintptr_t>(handle);
            slot = slot_for(value);
            return tag_of(slot) ^ value;
        }

    private:
        // The index is kept in place (index << 3) and scaled to the 32-byte
        // slot by the address arithmetic, which x86 folds into the load.
        const Slot* slot_for(std::uintptr_t value) const noexcept {
            constexpr std::uintptr_t scale = sizeof(Slot) >> handle_value::index_shift;
            return reinterpret_cast<const Slot*>(reinterpret_cast<const char*>(base_) + (value & index_field_) * scale);
        }
        // Sequentially consistent (a plain load on x86): ordered after the
        // section's entry, which the release protocol relies on.
        static std::uintptr_t tag_of(const Slot* slot) noexcept { return slot->tag.load(std::memory_order_seq_cst); }

        const Slot* base_;
        std::uintptr_t index_field_;  // (capacity - 1) << index_shift
    };

    View view() const noexcept {
        const std::uint32_t capacity = capacity_.load(std::memory_order_acquire);  // publishes base and slots
        if (capacity == 0) return {no_slots_, 2};
        return {base_.load(std::memory_order_relaxed), capacity};
    }

    // Under the table mutex, or for an index a view has just found.
    std::uint32_t capacity() const noexcept { return capacity_.load(std::memory_order_relaxed); }
    Slot& at(std::uint32_t index) const noexcept { return base_.load(std::memory_order_relaxed)[index]; }
    // Doubles the usable slots (the first time: makes 2048 usable); false
    // when address space or memory runs out (handle_slots.cpp).
    bool grow() noexcept;

private:
    // What a view of the empty table reads: two closed slots, so no handle
    // matches (constant-initialised).
    static const Slot no_slots_[2];

    std::atomic<Slot*> base_{nullptr};  // reserved on first growth, then constant
    std::uint32_t reserved_ = 0;        // slots of address space reserved (table mutex)
    std::atomic<std::uint32_t> capacity_{0};
};

// The one slot array (constant-initialised, never destroyed: handles may be
// used during exit).
extern SlotArray handle_slots;

}  // namespace rasshost::posix
