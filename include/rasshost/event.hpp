/*
 * rasshost/event.hpp - Win32-style events for C++ code, with std::chrono.
 *
 * An Event is a Win32 event (manual- or auto-reset) owned by an RAII object.
 * It is the same object the C API sees: native_handle() works with SetEvent,
 * WaitForSingleObject, WaitForMultipleObjects and friends, so C++ host code
 * and a C security DLL can share one event. Waits follow Win32 exactly:
 * an auto-reset event releases one waiter per set, wait_any reports the
 * lowest signalled index, wait_all takes all its events at once or none.
 * Timeouts run on the monotonic clock with nanosecond resolution (the C API
 * has milliseconds). At most 64 events per multi-wait, as in Win32.
 *
 * No platform detail here: the implementation lives in the library's backend.
 */
#pragma once

#include "config.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>

namespace rasshost {

/** How an event leaves the signalled state. */
enum class EventReset {
    manual,    ///< stays set, releasing every waiter, until reset()
    automatic  ///< each set releases exactly one waiter (or waits for one)
};

/** The most events one wait_any / wait_all accepts (Win32's MAXIMUM_WAIT_OBJECTS). */
inline constexpr std::size_t max_wait_events = 64;

/** A Win32 event. Move-only; a moved-from Event only accepts destruction and
 *  assignment (its calls are harmless no-ops and its waits return false). */
class RASSHOST_API Event {
public:
    /** Creates the event. Throws std::system_error (or std::bad_alloc) if the
     *  handle cannot be created. */
    explicit Event(EventReset mode = EventReset::automatic, bool initially_set = false);
    /** Closes the handle; threads still waiting keep the object alive. */
    ~Event();
    Event(Event&& other) noexcept;
    Event& operator=(Event&& other) noexcept;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    /** SetEvent: signals; cheap when already set. */
    void set() noexcept;
    /** ResetEvent: unsignals. */
    void reset() noexcept;
    /** PulseEvent: releases the current waiters (all for manual, one for
     *  automatic) and leaves the event unsignalled. */
    void pulse() noexcept;

    /** Waits up to `timeout` (<= 0 only tests the state; nanoseconds::max()
     *  waits forever). True if signalled: an automatic event is then taken. */
    bool wait_for(std::chrono::nanoseconds timeout) noexcept;
    /** wait_for with any duration, rounded up to whole nanoseconds; a
     *  timeout too large for nanoseconds waits forever. */
    template <class Rep, class Period>
    bool wait_for(std::chrono::duration<Rep, Period> timeout) noexcept;
    /** Waits until signalled (an automatic event is then taken). */
    void wait() noexcept;

    /** The HANDLE, for the C API. Owned by this Event: do not CloseHandle it. */
    void* native_handle() const noexcept;
    /** False for a moved-from Event. */
    bool valid() const noexcept { return impl_ != nullptr; }

private:
    struct Impl;  // the backend's object; held directly, so calls skip the handle table
    Impl* impl_;
    friend struct EventAccess;
};

/** Waits until one of `events` is signalled, up to `timeout` (<= 0 only tests;
 *  nanoseconds::max() waits forever). Returns the lowest signalled index
 *  (taking that event if automatic, and only that one), or std::nullopt on
 *  timeout. A span may name an event twice. Throws std::invalid_argument for
 *  an empty span, more than 64 events, a null pointer or a moved-from Event;
 *  it never allocates. */
RASSHOST_API std::optional<std::size_t> wait_any(std::span<Event* const> events, std::chrono::nanoseconds timeout);

/** Waits until all `events` are signalled at once, up to `timeout`, then
 *  takes every automatic one in the same atomic step: a wait_all that times
 *  out (or is still waiting) never consumes a signal another waiter could
 *  use. True on success, false on timeout. Throws std::invalid_argument as
 *  wait_any does, and also when an event appears twice. */
RASSHOST_API bool wait_all(std::span<Event* const> events, std::chrono::nanoseconds timeout);

template <class Rep, class Period>
bool Event::wait_for(std::chrono::duration<Rep, Period> timeout) noexcept {
    using std::chrono::nanoseconds;
    if (timeout <= timeout.zero()) return wait_for(nanoseconds::zero());
    using exact = std::chrono::duration<long double, std::nano>;
    if (exact(timeout) >= exact(nanoseconds::max())) return wait_for(nanoseconds::max());
    return wait_for(std::chrono::ceil<nanoseconds>(timeout));
}

}  // namespace rasshost
