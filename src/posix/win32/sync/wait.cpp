// WaitForSingleObject and WaitForMultipleObjects: validate as Win32 does,
// then hand over to the wait subsystem.
//
// Two paths. A wait that need not sleep (already satisfiable, or a zero
// timeout) validates its handles and reads their states inside a
// HandleReader, with no lock and no reference count touched, and is
// answered there. A wait that must sleep resolves the handles again, now
// holding a reference to every object for the whole wait (so CloseHandle
// from another thread cannot free an object under a sleeping waiter).
// Resolving twice is safe: a handle value names at most one object ever
// (generations never wrap), so the second pass finds the same objects or
// reports the handle closed, as if it had been closed before the call; the
// first pass consumed nothing in that case.
//
// An object may have several handles; only one of them holds the copy of
// its state in its slot (handle_table.hpp). The fast pass reads states from
// slots and falls back, when a handle is not such a one, to a pass that
// validates each handle and reads the objects themselves.
#include <rasshost/win32.h>

#include "common/wait_checks.hpp"
#include "posix/win32/sync/wait_now.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <memory>

namespace {

using rasshost::posix::HandleReader;
using rasshost::posix::KernelObject;
using rasshost::posix::Slot;
using rasshost::posix::SlotArray;
using rasshost::posix::WaitSnapshot;
using rasshost::posix::Waitable;
using rasshost::posix::max_wait_objects;
using rasshost::wait_checks::has_duplicates;

Waitable* waitable(const Slot* slot) noexcept { return static_cast<Waitable*>(slot->owner.get()); }

DWORD fail(DWORD error) noexcept {
    SetLastError(error);
    return WAIT_FAILED;
}

DWORD to_wait_result(std::uint32_t result) noexcept {
    return result == rasshost::posix::wait_timed_out ? WAIT_TIMEOUT : WAIT_OBJECT_0 + result;
}

// The first pass: validates every handle (an open event or thread) and
// feeds its state to the snapshot, reading only the slots: each state is
// copied in its handle's slot (Slot::signal), so no object is touched, and
// there is no branch per handle. This is the whole cost of a wait-any over
// 64 handles that need not sleep, hence the unrolling. False when a handle
// is not the one holding its object's state (another handle to the same
// object, or an invalid one): then read_states_slowly decides.
bool read_states(const SlotArray::View& slots, const HANDLE* handles, DWORD count, WaitSnapshot& snapshot) noexcept {
    std::uintptr_t mismatch = 0;
#pragma GCC unroll 4
    for (DWORD i = count; i-- > 0;) {  // last to first: see WaitSnapshot::see_previous
        const Slot* slot;
        mismatch |= slots.probe_waitable(handles[i], slot);
        snapshot.see_previous(slot->signal.load(std::memory_order_acquire));
    }
    return mismatch == 0;
}

// The same through any handle of a waitable object, reading each object's
// own state (a snapshot just as consistent: the slot's copy and the object's
// state change together under the wait lock). False if a handle is not an
// open event or thread.
[[gnu::noinline]] bool read_states_slowly(const SlotArray::View& slots, const HANDLE* handles, DWORD count,
                                          WaitSnapshot& snapshot) noexcept {
    for (DWORD i = count; i-- > 0;) {
        const Slot* slot;
        if (!slots.find_waitable(handles[i], slot)) return false;
        snapshot.see_previous(waitable(slot)->signal_bit());
    }
    return true;
}

// Resolves each handle into objects[i]; false if one is not (or no longer)
// an open event or thread.
bool resolve(const SlotArray::View& slots, const HANDLE* handles, DWORD count, Waitable** objects) noexcept {
    for (DWORD i = 0; i < count; ++i) {
        const Slot* slot;
        if (!slots.find_waitable(handles[i], slot)) return false;
        objects[i] = waitable(slot);
    }
    return true;
}

// The path that may sleep: references held for the whole wait. Kept out of
// line so that the fast path does not construct empty shared_ptrs, and sized
// by the caller: a WaitForSingleObject that sleeps (every Receive that
// waits) would otherwise construct and destroy 64 of them.
template <DWORD max_count>
[[gnu::noinline]] DWORD wait_holding_references(const HANDLE* handles, DWORD count, bool wait_all,
                                                DWORD milliseconds) noexcept {
    std::shared_ptr<KernelObject> held[max_count];
    Waitable* objects[max_count];
    {
        const HandleReader reader;
        for (DWORD i = 0; i < count; ++i) {
            const Slot* slot = reader.find_waitable(handles[i]);
            if (!slot) return fail(ERROR_INVALID_HANDLE);
            objects[i] = waitable(slot);
            held[i] = slot->owner;
        }
    }
    // Checked again: a handle closed and reused since the first pass may now
    // name an object that another handle of this wait names.
    if (wait_all && has_duplicates(objects, count)) return fail(ERROR_INVALID_PARAMETER);
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(milliseconds);
    return to_wait_result(rasshost::posix::sleep_for_objects(objects, count, wait_all, deadline));
}

}  // namespace

extern "C" DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    {
        const HandleReader reader;
        const Slot* slot = reader.find_waitable(hHandle);
        if (!slot) return fail(ERROR_INVALID_HANDLE);
        Waitable* object = waitable(slot);
        const std::uint32_t now = rasshost::posix::try_wait_now(&object, 1, false);
        if (now != rasshost::posix::wait_timed_out || dwMilliseconds == 0) return to_wait_result(now);
    }
    return wait_holding_references<1>(&hHandle, 1, false, dwMilliseconds);
}

extern "C" DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds) {
    if (!lpHandles || nCount == 0 || nCount > max_wait_objects) return fail(ERROR_INVALID_PARAMETER);
    const bool wait_all = bWaitAll != FALSE;
    {
        const HandleReader reader;
        const auto slots = reader.slots();
        WaitSnapshot snapshot(nCount);
        if (!read_states(slots, lpHandles, nCount, snapshot)) {
            snapshot = WaitSnapshot(nCount);
            if (!read_states_slowly(slots, lpHandles, nCount, snapshot)) return fail(ERROR_INVALID_HANDLE);
        }
        Waitable* objects[max_wait_objects];  // on the stack: a wait that need not sleep never allocates
        bool resolved = false;
        // Windows rejects the same object twice in a wait-all (it could never
        // take one auto-reset signal twice), through one handle or two.
        if (wait_all) {
            if (!resolve(slots, lpHandles, nCount, objects)) return fail(ERROR_INVALID_HANDLE);  // closed meanwhile
            if (has_duplicates(objects, nCount)) return fail(ERROR_INVALID_PARAMETER);
            resolved = true;
        }
        // The snapshot needs an object only where a signalled one might be
        // auto-reset (the lowest for a wait-any, each for a wait-all).
        std::uint32_t now = snapshot.decide(nCount, wait_all, [&](std::uint32_t i) {
            const Slot* slot;
            return slots.find_waitable(lpHandles[i], slot) && waitable(slot)->manual_reset();
        });
        if (now == rasshost::posix::wait_undecided) {
            if (!resolved && !resolve(slots, lpHandles, nCount, objects)) return fail(ERROR_INVALID_HANDLE);
            now = rasshost::posix::try_wait_locked(objects, nCount, wait_all);
        }
        if (now != rasshost::posix::wait_timed_out || dwMilliseconds == 0) return to_wait_result(now);
    }
    return wait_holding_references<max_wait_objects>(lpHandles, nCount, wait_all, dwMilliseconds);
}
