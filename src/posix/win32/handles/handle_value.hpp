// What a POSIX HANDLE value says: the slot that holds the object and the
// generation of that slot's use, so a lookup is arithmetic, not hashing.
//
//   bit 63 ............ 27 | 26 .......... 3 | 2 | 1 0
//        generation (37)   |   slot index (24) | 1 | 0 0
//
// An open slot's tag IS its handle's value (plus bit 1 when the object
// cannot be waited on, bit 0 when the slot does not hold the object's
// signal state), so one comparison validates a handle: its low bits,
// generation and slot at once, and for a wait also the object's kind and
// where its state is. A
// closed or unused slot's tag names another slot (index ^ 1), so no value
// compares equal to it. Hence:
// - values are multiples of 4 (as Windows handles are) and 4 modulo 8: a
//   value with other low bits (INVALID_HANDLE_VALUE and the pseudo-handles
//   -1, -2, ...) never matches, and no HANDLE ever equals an HMODULE (64 KiB
//   multiples, module.cpp), an HPORT (odd, dialog_registry.cpp) or a pointer
//   to 8-aligned memory;
// - generation 0 is never issued, so NULL and small forged integers (below
//   2^27) never match;
// - a slot's generation grows by one per use and NEVER wraps: a slot whose
//   generation reaches max_generation is retired for good. So a stale
//   handle can never name a later object. The cost is bounded and tiny: one
//   32-byte slot retired per 2^37 - 1 (1.4e11) uses of that slot, i.e.
//   after ~3.8 hours of nothing but creating and closing handles in one
//   slot at 10 million per second;
// - the all-ones index is never issued, so ~0 - 3 never matches either.
//
// The values do not fit in 32 bits (code that truncates a HANDLE to a DWORD
// breaks); Win32 documents handles as pointer-sized.
#pragma once

#include <rasshost/win32.h>

#include <cstdint>

namespace rasshost::posix::handle_value {

static_assert(sizeof(std::uintptr_t) == 8, "the handle layout needs 64-bit handles");

inline constexpr std::uintptr_t marker = 4;  // bit 2, always set
inline constexpr unsigned index_shift = 3;
inline constexpr unsigned index_bits = 24;
inline constexpr unsigned generation_shift = index_shift + index_bits;
inline constexpr std::uint32_t index_mask = (1u << index_bits) - 1;
inline constexpr std::uint32_t max_slots = index_mask;  // indices 0 .. 2^24 - 2
inline constexpr std::uint64_t max_generation = (std::uint64_t{1} << (64 - generation_shift)) - 1;

constexpr std::uint32_t index_of(std::uintptr_t value) noexcept {
    return static_cast<std::uint32_t>(value >> index_shift) & index_mask;
}
constexpr std::uint64_t generation_of(std::uintptr_t value) noexcept { return value >> generation_shift; }

constexpr std::uintptr_t encode(std::uint32_t index, std::uint64_t generation) noexcept {
    return (generation << generation_shift) | (std::uintptr_t{index} << index_shift) | marker;
}

// Set in an open slot's tag when its object cannot be waited on.
inline constexpr std::uintptr_t not_waitable = 2;
// Set in an open slot's tag when the object is waitable but keeps the copy
// of its signal state in another handle's slot (an object may have several
// handles; one slot holds the copy, wait_subsystem.hpp): the exact-match
// probe of a wait then misses, and the wait reads the object itself.
inline constexpr std::uintptr_t indirect = 1;
inline constexpr std::uintptr_t tag_flags = not_waitable | indirect;

// The tag of an open slot: the handle's value, marked if not waitable or if
// the slot does not hold the object's state.
constexpr std::uintptr_t open_tag(std::uintptr_t value, bool waitable, bool holds_state) noexcept {
    return !waitable ? value | not_waitable : holds_state ? value : value | indirect;
}
// The tag of a closed (or never used, generation 0) slot: it keeps the
// generation for the next use and names another slot, so no handle equals it.
constexpr std::uintptr_t closed_tag(std::uint32_t index, std::uint64_t generation) noexcept {
    return encode(index ^ 1, generation);
}

}  // namespace rasshost::posix::handle_value
