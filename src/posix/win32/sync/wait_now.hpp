// A wait that need not sleep, answered without the wait lock when one
// consistent snapshot of the signal states decides it exactly as the locked
// path would:
// - wait-any: the lowest signalled index if that object is manual-reset (or
//   a thread), which a wait does not consume; timed out if none is
//   signalled;
// - wait-all: satisfied if all are signalled and none is auto-reset; timed
//   out if one is not signalled.
// A snapshot of several objects is consistent when the wait lock's version
// did not move while it was read (wait_lock.hpp): reading objects one by one
// is not enough, since a set of object 0 after it was read and before object
// 5 was read would make a wait-any report 5 while 0 was already signalled.
//
// Consuming an auto-reset signal is left to the lock: a lock-free claim
// (compare-and-swap on the flag) would race with a locked wait-all that has
// already counted that flag as signalled, and both would take it.
//
// The snapshot is fed object by object, so a caller can read the states in
// the same pass that resolves its handles (one pass over 64 objects, not two).
#pragma once

#include "posix/win32/sync/wait_lock.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <bit>
#include <cstdint>

namespace rasshost::posix {

class WaitSnapshot {
public:
    explicit WaitSnapshot(std::uint32_t count) noexcept : version_(count > 1 ? wait_lock().read_begin() : 0) {}

    // The state (0 or 1) of each of objects[0..count) in turn, from the LAST
    // to the first: the snapshot keeps a bit per object, and in this order
    // each bit costs one shift-and-add (this runs 64 times in a wait over 64
    // objects). The state is the object's signal_bit() or, for a wait on
    // handles, the copy in its handle slot (Slot::signal).
    void see_previous(std::uint8_t signal_bit) noexcept { signalled_ = signalled_ * 2 + signal_bit; }

    // The wait's answer with a zero timeout as far as the snapshot alone
    // decides it (an index, or wait_timed_out), else wait_undecided.
    // `manual_reset(i)` says whether objects[i] is manual-reset.
    template <class ManualReset>
    std::uint32_t decide(std::uint32_t count, bool wait_all, ManualReset manual_reset) const noexcept {
        // One object's state is one atomic read: consistent by itself.
        if (count != 1 && !wait_lock().unchanged_since(version_)) return wait_undecided;
        if (mutexes_owned_here != 0) return wait_undecided;  // an owned mutex reads "not free", not for its owner
        if (!wait_all) {
            if (signalled_ == 0) return wait_timed_out;
            const auto first = static_cast<std::uint32_t>(std::countr_zero(signalled_));
            return manual_reset(first) ? first : wait_undecided;
        }
        if (signalled_ != all_of(count)) return wait_timed_out;
        for (std::uint32_t i = 0; i < count; ++i)
            if (!manual_reset(i)) return wait_undecided;
        return 0;
    }

    // The wait's answer with a zero timeout (an index, or wait_timed_out):
    // from the snapshot if it decides, else under the wait lock.
    std::uint32_t finish(Waitable* const* objects, std::uint32_t count, bool wait_all) const noexcept {
        const std::uint32_t now = decide(count, wait_all, [objects](std::uint32_t i) { return objects[i]->manual_reset(); });
        return now != wait_undecided ? now : try_wait_locked(objects, count, wait_all);
    }

    // After decide() gave wait_undecided for a wait-any: the lowest index
    // the snapshot saw signalled (64 if none: the states may have changed
    // while being read), and the version it was read at, for try_take_seen.
    std::uint32_t lowest_signalled() const noexcept { return static_cast<std::uint32_t>(std::countr_zero(signalled_)); }
    std::uint64_t version() const noexcept { return version_; }

private:
    static std::uint64_t all_of(std::uint32_t count) noexcept {
        return count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
    }

    std::uint64_t version_;
    std::uint64_t signalled_ = 0;  // bit i: objects[i] was signalled
};

static_assert(max_wait_objects <= 64, "one bit per object");

// try_wait_now (wait_subsystem.hpp): a snapshot fed from an array.
inline std::uint32_t try_wait_now(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept {
    WaitSnapshot snapshot(count);
    for (std::uint32_t i = count; i-- > 0;) snapshot.see_previous(objects[i]->signal_bit());
    return snapshot.finish(objects, count, wait_all);
}

}  // namespace rasshost::posix
