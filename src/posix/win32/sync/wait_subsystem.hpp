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
struct WaitRecord;

// An object a thread can wait on. How a satisfied wait takes it is its
// discipline:
// - manual: nothing is taken (manual-reset events, threads, notification
//   timers);
// - auto_reset: the signal is consumed (auto-reset events, synchronization
//   timers);
// - counted: one unit of a count is taken (semaphores);
// - owned: the waiting thread becomes the owner, recursively (mutexes).
class Waitable : public KernelObject {
public:
    enum class Discipline : std::uint8_t { manual, auto_reset, counted, owned };

    Waitable(Kind kind, bool manual_reset, bool initially_signalled) noexcept
        : Waitable(kind, manual_reset ? Discipline::manual : Discipline::auto_reset, initially_signalled) {}
    Waitable(Kind kind, Discipline discipline, bool initially_signalled) noexcept
        : KernelObject(kind), signalled_(initially_signalled), discipline_(discipline) {}
    ~Waitable() override;

    // A wait that is satisfied takes nothing: a lock-free snapshot may
    // answer it (wait_now.hpp).
    bool manual_reset() const noexcept { return discipline_ == Discipline::manual; }

    // A snapshot of the state (exact at the instant of the read; several
    // reads are one snapshot only under the wait lock's version check).
    // For a mutex: free. An owned mutex is still available to its owner,
    // so a thread that owns any mutex leaves every wait to the lock
    // (mutexes_owned_here).
    bool is_signalled() const noexcept { return signal_bit() != 0; }
    // The same as 0 or 1, which a wait over 64 objects packs into a mask
    // without converting a bool.
    std::uint8_t signal_bit() const noexcept { return signalled_.load(std::memory_order_acquire); }

    // For events, threads and timers. Signals and hands off: a manual-reset
    // object releases every waiter the new state satisfies and stays set; an
    // auto-reset one releases one (FIFO) or stays set until a waiter comes.
    // Cheap when already set.
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
    const Discipline discipline_;
    WaitLink* first_waiter_ = nullptr;  // FIFO of waiters (wait lock)
    WaitLink* last_waiter_ = nullptr;
    // The copy of signalled_ in the slot of one of this object's handles
    // while that handle is open, else nullptr (wait lock). Other handles to
    // the object read signalled_ itself (handle_table.hpp, insert_handle).
    std::atomic<std::uint8_t>* handle_signal_ = nullptr;
};

// A semaphore: signalled while its count is above zero.
class SemaphoreObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::semaphore;
    SemaphoreObject(std::uint32_t initial, std::uint32_t maximum) noexcept
        : Waitable(kind, Discipline::counted, initial > 0), count_(initial), maximum_(maximum) {}

    // ReleaseSemaphore: adds `count` (> 0) and hands off. False (nothing
    // changed) when the maximum would be exceeded; else `previous` is the
    // count before.
    bool release(std::uint32_t count, std::uint32_t& previous) noexcept;

private:
    friend struct WaitSubsystem;
    std::uint32_t count_;  // wait lock
    const std::uint32_t maximum_;
};

// A mutex: free, or owned (recursively) by one thread, named by its
// GetCurrentThreadId. Owned mutexes are listed so that a thread's end can
// abandon them (abandon_mutexes_of).
class MutexObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::mutex;
    explicit MutexObject(DWORD initial_owner) noexcept;
    ~MutexObject() override;

    // ReleaseMutex by `thread`: false if it is not the owner.
    bool release(DWORD thread) noexcept;

private:
    friend struct WaitSubsystem;
    DWORD owner_ = 0;  // wait lock; 0: free
    std::uint32_t recursion_ = 0;
    bool abandoned_ = false;  // its owner ended owning it; told to the next owner
    MutexObject* prev_owned_ = nullptr;  // the list of owned mutexes (wait lock)
    MutexObject* next_owned_ = nullptr;
};

// How many mutexes the calling thread owns (not counting recursion). While
// it owns any, its waits are answered under the wait lock: an owned
// mutex's state says "not free", which is not true for its owner.
extern thread_local std::uint32_t mutexes_owned_here;

// Called as a thread ends (before its thread object is signalled): every
// mutex it still owns becomes free and abandoned.
void abandon_mutexes_of(DWORD thread) noexcept;

// The calling thread's id as a mutex owner: its end will abandon the
// mutexes it owns then.
DWORD mutex_owner_id() noexcept;

// A thread's user APCs and its alertable wait (QueueUserAPC, the ...Ex
// waits). All fields under the wait lock; the queue is bounded.
class Alerts {
public:
    Alerts() = default;
    Alerts(const Alerts&) = delete;
    Alerts& operator=(const Alerts&) = delete;
    ~Alerts();

    static constexpr std::uint32_t max_queued = 65536;

    // Queues routine(data) and ends the thread's alertable wait if it is in
    // one. False when the queue is full or memory runs out.
    bool queue(PAPCFUNC routine, ULONG_PTR data) noexcept;
    // The same for a waitable timer's completion routine.
    bool queue_timer(PTIMERAPCROUTINE routine, LPVOID argument, DWORD low_time, DWORD high_time) noexcept;
    // On the owning thread: runs the queued APCs (those queued meanwhile
    // too) in FIFO order. True if any ran.
    bool run_queued() noexcept;

private:
    friend struct WaitSubsystem;
    struct Apc {
        PAPCFUNC routine;  // or, if null, a timer's:
        ULONG_PTR data;
        PTIMERAPCROUTINE timer_routine;
        LPVOID timer_argument;
        DWORD low_time, high_time;
        Apc* next;
    };
    Apc* head_ = nullptr;
    Apc* tail_ = nullptr;
    std::uint32_t count_ = 0;
    WaitRecord* alertable_wait_ = nullptr;
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
// An alertable wait ended by a user APC.
inline constexpr std::uint32_t wait_io_completion = 0xFFFFFFFDu;
// Or-ed into an index: the wait took an abandoned mutex.
inline constexpr std::uint32_t wait_abandoned_flag = 0x100u;

// Waits for any (lowest signalled index) or all of objects[0..count).
// Returns the satisfying index (0 for wait-all; or-ed with
// wait_abandoned_flag if an abandoned mutex was taken), wait_timed_out, or,
// for an alertable wait (`alerts`: the calling thread's, else nullptr),
// wait_io_completion once a queued APC ended it (the caller runs the APCs).
// Preconditions (callers validate): 0 <= count <= 64 (0 only to sleep), no
// null pointer, and for wait-all no object twice (see
// common/wait_checks.hpp). Never allocates.
std::uint32_t wait_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                               const Deadline& deadline, Alerts* alerts = nullptr) noexcept;

// wait_for_objects is try_wait_now (wait_now.hpp: a zero-timeout wait that
// never sleeps and takes no lock unless an auto-reset signal must be
// consumed or the states changed while being read), then, if that found
// nothing, sleep_for_objects. A caller that tries first can build its
// deadline and references only when it must sleep.
std::uint32_t sleep_for_objects(Waitable* const* objects, std::uint32_t count, bool wait_all,
                                const Deadline& deadline, Alerts* alerts = nullptr) noexcept;

// A wait-any's zero-timeout wait when a snapshot read at `version` saw
// `object` (at `index`) as the lowest signalled one: under the lock, if no
// state has changed since, takes that object alone without looking at the
// others (the snapshot is still exact) and returns index (or-ed with
// wait_abandoned_flag); else wait_undecided. Not for a thread that owns a
// mutex (the snapshot is not exact for it).
std::uint32_t try_take_seen(Waitable* object, std::uint32_t index, std::uint64_t version) noexcept;

// The zero-timeout wait under the wait lock (try_wait_now's fallback).
std::uint32_t try_wait_locked(Waitable* const* objects, std::uint32_t count, bool wait_all) noexcept;

// How many waits are registered on `object` now (for tests: a test learns
// that a thread is really blocked before it sets, resets or pulses).
std::size_t waiter_count(const Waitable& object) noexcept;

}  // namespace rasshost::posix
