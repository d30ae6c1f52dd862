// WaitForSingleObject(Ex) and WaitForMultipleObjects(Ex): validate as Win32
// does, then hand over to the wait subsystem.
//
// Two paths. A wait that need not sleep (already satisfiable, or a zero
// timeout) validates its handles and reads their states inside a
// HandleReader, with no lock and no reference count touched, and is
// answered there. A wait that must sleep resolves the handles again, now
// holding a reference to every object for the whole wait (so CloseHandle
// from another thread cannot free an object under a sleeping waiter).
// Resolving twice is sound although a handle value may, after its slot has
// come back around (handle_value.hpp), name a later object: the first pass
// consumed nothing and kept nothing, so if a handle was closed between the
// passes the wait fails as if it had been closed before the call, and if
// its value was even reused meanwhile the wait is the one it would have
// been had the close and the reuse come before the call, which Windows
// allows too (it reuses values at once). The second pass checks the
// wait-all rule again, since a reused value may name an object that
// another handle of the wait names.
//
// An object may have several handles; only one of them holds the copy of
// its state in its slot (handle_table.hpp). The fast pass reads states from
// slots and falls back, when a handle is not such a one, to a pass that
// validates each handle and reads the objects themselves. A handle no slot
// resolves may be a pseudo-handle: the path that may sleep resolves that
// (it may have to make the thread's object).
//
// An alertable wait goes the same way; if nothing is signalled it takes the
// path that may sleep even with a zero timeout, where a queued APC ends it.
#include <rasshost/win32.h>

#include "common/wait_checks.hpp"
#include "posix/win32/handles/pseudo_handles.hpp"
#include "posix/win32/sync/wait_calls.hpp"
#include "posix/win32/sync/wait_now.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"
#include "posix/win32/threads/current_thread.hpp"

#include <memory>

namespace {

using rasshost::posix::HandleReader;
using rasshost::posix::KernelObject;
using rasshost::posix::Slot;
using rasshost::posix::SlotArray;
using rasshost::posix::ThreadObject;
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
    if (result == rasshost::posix::wait_timed_out) return WAIT_TIMEOUT;
    if (result & rasshost::posix::wait_abandoned_flag) return WAIT_ABANDONED_0 + (result & ~rasshost::posix::wait_abandoned_flag);
    return WAIT_OBJECT_0 + result;
}


// The first pass: validates every handle (an open event or thread) and
// feeds its state to the snapshot, reading only the slots: each state is
// copied in its handle's slot (Slot::signal), so no object is touched, and
// there is no branch per handle. This is the whole cost of a wait-any over
// 64 handles that need not sleep, hence the unrolling. False when a handle
// is not the one holding its object's state (another handle to the same
// object, or an invalid one): then read_states_slowly decides.
bool read_states(const SlotArray::View& slots, const HANDLE* handles, DWORD count, WaitSnapshot& snapshot) noexcept {
    // Local copies: the caller's view and snapshot have their addresses
    // taken elsewhere, so after every acquire load below the compiler would
    // have to reload them from memory (and store the snapshot back), which
    // doubled the cost of this loop.
    const SlotArray::View view = slots;
    WaitSnapshot seen = snapshot;
    std::uintptr_t mismatch = 0;
#pragma GCC unroll 4
    for (DWORD i = count; i-- > 0;) {  // last to first: see WaitSnapshot::see_previous
        const Slot* slot;
        mismatch |= view.probe_waitable(handles[i], slot);
        seen.see_previous(slot->signal.load(std::memory_order_acquire));
    }
    snapshot = seen;
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
                                                DWORD milliseconds, bool alertable) noexcept {
    std::shared_ptr<KernelObject> held[max_count];
    Waitable* objects[max_count];
    {
        const HandleReader reader;
        for (DWORD i = 0; i < count; ++i) {
            if (const Slot* slot = reader.find_waitable(handles[i])) held[i] = slot->owner;
        }
    }
    for (DWORD i = 0; i < count; ++i) {
        if (!held[i]) held[i] = rasshost::posix::pseudo_handle_object(handles[i]);  // outside the reader: it may allocate
        if (!held[i]) return fail(ERROR_INVALID_HANDLE);
        objects[i] = static_cast<Waitable*>(held[i].get());
    }
    // Checked again: a handle closed and reused since the first pass may now
    // name an object that another handle of this wait names.
    if (wait_all && has_duplicates(objects, count)) return fail(ERROR_INVALID_PARAMETER);
    std::shared_ptr<ThreadObject> self;  // keeps the APC queue alive
    if (alertable) self = rasshost::posix::current_thread_object();
    const auto deadline = rasshost::posix::Deadline::after_milliseconds(milliseconds);
    const std::uint32_t result = rasshost::posix::sleep_for_objects(objects, count, wait_all, deadline,
                                                                    self ? &self->alerts : nullptr);
    if (result != rasshost::posix::wait_io_completion) return to_wait_result(result);
    self->alerts.run_queued();
    return WAIT_IO_COMPLETION;
}

// A wait-any whose lowest signalled object must be taken (an auto-reset
// event, a semaphore, a mutex): taken alone if nothing changed since the
// snapshot, else wait_undecided.
std::uint32_t take_lowest_seen(const SlotArray::View& slots, const HANDLE* handles, DWORD count,
                               const WaitSnapshot& snapshot) noexcept {
    if (rasshost::posix::mutexes_owned_here != 0) return rasshost::posix::wait_undecided;
    // Undecided may also mean the states changed while being read: then
    // the snapshot may have seen nothing signalled at all.
    const std::uint32_t first = snapshot.lowest_signalled();
    if (first >= count) return rasshost::posix::wait_undecided;
    const Slot* slot;
    if (!slots.find_waitable(handles[first], slot)) return rasshost::posix::wait_undecided;
    return rasshost::posix::try_take_seen(waitable(slot), first, snapshot.version());
}

// What a wait that need not sleep may also end with (distinct from an index,
// wait_timed_out and wait_undecided).
constexpr std::uint32_t bad_handle = 0xFFFFFFF0u;
constexpr std::uint32_t same_object_twice = 0xFFFFFFF1u;
static_assert(bad_handle != rasshost::posix::wait_io_completion && same_object_twice != rasshost::posix::wait_undecided);

// The rest of a wait that need not sleep once its snapshot is read: an
// index, wait_timed_out, bad_handle or same_object_twice.
inline std::uint32_t finish_now(const SlotArray::View& slots, const HANDLE* handles, DWORD count, bool wait_all,
                                const WaitSnapshot& snapshot) noexcept {
    Waitable* objects[max_wait_objects];  // on the stack: a wait that need not sleep never allocates
    if (wait_all) {
        // Windows rejects the same object twice in a wait-all (it could never
        // take one auto-reset signal twice), through one handle or two.
        if (!resolve(slots, handles, count, objects)) return bad_handle;  // closed meanwhile
        if (has_duplicates(objects, count)) return same_object_twice;
        return snapshot.finish(objects, count, true);
    }
    // The snapshot needs an object only where a signalled one might be
    // auto-reset (the lowest for a wait-any).
    const std::uint32_t now = snapshot.decide(count, false, [&](std::uint32_t i) {
        const Slot* slot;
        return slots.find_waitable(handles[i], slot) && waitable(slot)->manual_reset();
    });
    if (now != rasshost::posix::wait_undecided) return now;
    if (const std::uint32_t taken = take_lowest_seen(slots, handles, count, snapshot); taken != rasshost::posix::wait_undecided)
        return taken;
    if (!resolve(slots, handles, count, objects)) return bad_handle;
    return rasshost::posix::try_wait_locked(objects, count, false);
}

// The same when a handle is not the one holding its object's state (or is
// invalid): out of line, so the common case's loop stays as tight as it was.
[[gnu::noinline]] std::uint32_t try_now_slowly(const SlotArray::View& slots, const HANDLE* handles, DWORD count,
                                               bool wait_all) noexcept {
    WaitSnapshot snapshot(count);
    if (!read_states_slowly(slots, handles, count, snapshot)) return bad_handle;
    return finish_now(slots, handles, count, wait_all, snapshot);
}

}  // namespace

namespace rasshost::posix {

DWORD wait_single(HANDLE handle, DWORD milliseconds, bool alertable) noexcept {
    {
        const HandleReader reader;
        if (const Slot* slot = reader.find_waitable(handle)) {
            Waitable* object = waitable(slot);
            const std::uint32_t now = try_wait_now(&object, 1, false);
            // An alertable wait that would time out first runs queued APCs.
            if (now != wait_timed_out || (milliseconds == 0 && !alertable)) return to_wait_result(now);
        }
    }
    return wait_holding_references<1>(&handle, 1, false, milliseconds, alertable);
}

DWORD wait_multiple(DWORD count, const HANDLE* handles, bool wait_all, DWORD milliseconds, bool alertable) noexcept {
    if (!handles || count == 0 || count > max_wait_objects) return fail(ERROR_INVALID_PARAMETER);
    {
        const HandleReader reader;
        const auto slots = reader.slots();
        WaitSnapshot snapshot(count);
        const std::uint32_t now = read_states(slots, handles, count, snapshot)
                                      ? finish_now(slots, handles, count, wait_all, snapshot)
                                      : try_now_slowly(slots, handles, count, wait_all);
        // A bad handle may be a pseudo-handle: the path that may sleep tells.
        if (now == same_object_twice) return fail(ERROR_INVALID_PARAMETER);
        if (now != bad_handle && (now != wait_timed_out || (milliseconds == 0 && !alertable)))
            return to_wait_result(now);
    }
    return wait_holding_references<max_wait_objects>(handles, count, wait_all, milliseconds, alertable);
}

}  // namespace rasshost::posix

extern "C" DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds) {
    return rasshost::posix::wait_single(hHandle, dwMilliseconds, false);
}

extern "C" DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds) {
    return rasshost::posix::wait_multiple(nCount, lpHandles, bWaitAll != FALSE, dwMilliseconds, false);
}

extern "C" DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable) {
    return rasshost::posix::wait_single(hHandle, dwMilliseconds, bAlertable != FALSE);
}

extern "C" DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE* lpHandles, BOOL bWaitAll,
                                                 DWORD dwMilliseconds, BOOL bAlertable) {
    return rasshost::posix::wait_multiple(nCount, lpHandles, bWaitAll != FALSE, dwMilliseconds, bAlertable != FALSE);
}
