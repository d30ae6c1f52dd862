// The argument checks of a multi-wait (rasshost::wait_any / wait_all, and
// on POSIX WaitForMultipleObjects), shared by both backends. Inline: a wait
// over 64 events that need not sleep is one pass over them, and these
// checks run inside that pass.
#pragma once

#include <rasshost/event.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>

namespace rasshost::wait_checks {

// The std::invalid_argument a bad wait_any / wait_all throws, prefixed by
// `what` (the function's name).
[[noreturn]] void throw_bad_count(const char* what);
[[noreturn]] void throw_null_event(const char* what);
[[noreturn]] void throw_twice(const char* what);

// The number of events, if it is 1 to max_wait_events.
inline std::uint32_t checked_count(std::span<Event* const> events, const char* what) {
    if (events.empty() || events.size() > max_wait_events) throw_bad_count(what);
    return static_cast<std::uint32_t>(events.size());
}

// out[i] = object_of(*events[i]) for i in [0, count), from the LAST to the
// first, calling see(out[i]) on each (the order a POSIX wait snapshot reads
// states in). object_of yields null for a moved-from Event; a null pointer
// or such an Event throws. `count` comes from checked_count.
template <class T, class ObjectOf, class See>
inline void gather(std::span<Event* const> events, std::uint32_t count, T* out, const char* what, ObjectOf object_of,
                   See see) {
#pragma GCC unroll 4
    for (std::uint32_t left = count; left != 0; --left) {  // not `i-- > 0`: GCC drops the pragma in a template
        const std::uint32_t i = left - 1;
        out[i] = events[i] ? object_of(*events[i]) : nullptr;
        if (!out[i]) throw_null_event(what);
        see(out[i]);
    }
}

// True if an item of items[0..count) appears twice (Win32 rejects the same
// object twice in a wait-all). For objects, not handles: two handles may
// name one object. count <= max_wait_events; never allocates.
template <class T>
bool has_duplicates(const T* items, std::uint32_t count) noexcept {
    T sorted[max_wait_events];
    std::copy(items, items + count, sorted);
    std::sort(sorted, sorted + count, std::less<T>());
    return std::adjacent_find(sorted, sorted + count) != sorted + count;
}

// wait_all's rule: no event twice.
template <class T>
void check_distinct(const T* items, std::uint32_t count, const char* what) {
    if (has_duplicates(items, count)) throw_twice(what);
}

}  // namespace rasshost::wait_checks
