// The wait subsystem: Win32 wait semantics on POSIX, after the design of
// .NET's Unix wait subsystem.
//
// - ONE lock guards the signal state and the waiter lists of every waitable
//   object. A wait over several objects then sees (and, for wait-all,
//   consumes) all of them in one atomic step, which per-object locks cannot
//   give without lock-ordering schemes.
// - A wait that need not sleep is first tried WITHOUT the lock, on one
//   consistent snapshot of the states (wait_lock.hpp, wait_now.hpp); only
//   consuming an auto-reset signal needs the lock. An object's state is
//   also copied into its handle slot, so a wait on handles reads the states
//   from the slots it validates and not from 64 separate objects.
// - ONE wait record per waiting thread, on its stack, with one link per
//   object it waits on; each object keeps a FIFO of links.
// - The SIGNALLING thread does the hand-off: under the lock it decides which
//   waiters the new state satisfies, consumes auto-reset signals for them,
//   writes each waiter's result into its record and releases its parker.
//   A waiter never re-checks state after waking, so a set followed at once
//   by a reset cannot lose a wake-up, and nothing wakes spuriously.
#pragma once

#include "posix/win32/sync/deadline.hpp"
#include "posix/win32/handles/handle_table.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace rasshost::posix {

struct WaitLink;

// An object a thread can wait on: an event or a thread.
class Waitable : public KernelObject {
public:
    Waitable(Kind kind, bool manual_reset, bool initially_signalled) noexcept
        : KernelObject(kind), signalled_(initially_signalled), manual_reset_(manual_reset) {}
    ~Waitable() override;

    bool manual_reset() const noexcept { return manual_reset_; }

    // A snapshot of the state (exact at the instant of the read; several
    // reads are one snapshot only under the wait lock's version check).
    bool is_signalled() const noexcept { return signal_bit() != 0; }
    // The same as 0 or 1, which a wait over 64 objects packs into a mask
    // without converting a bool.
    std::uint8_t signal_bit() const noexcept { return signalled_.load(std::memory_order_acquire); }

    // Signals and hands off: a manual-reset object releases every waiter the
    // new state satisfies and stays set; an auto-reset one releases one
    // (FIFO) or stays set until a waiter comes. Cheap when already set.
    void set() noexcept;
    // Unsignals. Cheap when already unsignalled.
    void reset() noexcept;
    // Releases the waiters that the signal satisfies right now (all for
    // manual-reset, one for auto-reset), then leaves the object unsignalled.
    void pulse() noexcept;

private:
    friend struct WaitSubsystem;
    // Written only under the wait lock; read without it by the fast paths.
    std::atomic<std::uint8_t> signalled_;  // 0 or 1
    const bool manual_reset_;
    WaitLink* first_waiter_ = nullptr;  // FIFO of waiters (wait lock)
    WaitLink* last_waiter_ = nullptr;
    // The copy of signalled_ in the slot of one of this object's handles
    // while that handle is open, else nullptr (wait lock). Other handles to
    // the object read signalled_ itself (handle_table.hpp, insert_handle).
    std::atomic<std::uint8_t>* handle_signal_ = nullptr;
};

// The handle table calls these for a waitable object: attach once the
// object has a slot and before the slot's tag is published (the slot's copy
// of the state then starts out right and follows every change); it returns
// false, attaching nothing, when another handle's slot already holds the
// copy. Detach, for a slot attach took, once the handle is closed and before
// the slot can be reused.
bool attach_handle_slot(Waitable& object, Slot& slot) noexcept;
void detach_handle_slot(Waitable& object) noexcept;

inline constexpr std::uint32_t max_wait_objects = MAXIMUM_WAIT_OBJECTS;
inline constexpr std::uint32_t wait_timed_out = 0xFFFFFFFFu;
// A lock-free snapshot that cannot answer alone (wait_now.hpp).
inline constexpr std::uint32_t wait_undecided = 0xFFFFFFFEu;

// Waits for any (lowest signalled index) or all of objects[0..count).
// Returns the satisfying index (0 for wait-all) or wait_timed_out.
// Preconditions (callers validate): 1 <= count <= 64, no null pointer, and
// for wait-all no object twice (see common/wait_checks.hpp). Never allocates.
std::uint32_t wait_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                               const Deadline& deadline) noexcept;

// wait_for_objects is try_wait_now (wait_now.hpp: a zero-timeout wait that
// never sleeps and takes no lock unless an auto-reset signal must be
// consumed or the states changed while being read), then, if that found
// nothing, sleep_for_objects. A caller that tries first can build its
// deadline and references only when it must sleep.
std::uint32_t sleep_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                const Deadline& deadline) noexcept;

// The zero-timeout wait under the wait lock (try_wait_now's fallback).
std::uint32_t try_wait_locked(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept;

// How many waits are registered on `object` now (for tests: a test learns
// that a thread is really blocked before it sets, resets or pulses).
std::size_t waiter_count(const Waitable& object) noexcept;

}  // namespace rasshost::posix
