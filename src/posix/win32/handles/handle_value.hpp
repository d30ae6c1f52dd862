// What a POSIX HANDLE value says: the slot that holds the object and the
// generation of that slot's use, so a lookup is arithmetic, not hashing.
//
//   bit 63 ... 31 | 30 ........ 20 | 19 ........... 2 | 1 0
//         0       | generation (11) | slot index (18)  | ignored
//
// Values fit in 31 bits, as on 64-bit Windows: a HANDLE kept in a DWORD
// comes back the same whether the DWORD is zero- or sign-extended. Every
// lookup ignores the two low bits, as Windows does (h | 1, h | 2, h | 3 name
// the object h names), so issued values are multiples of 4.
//
// An open slot's tag is its handle's value plus flags in those two low
// bits (bit 1 when the object cannot be waited on, bit 0 when the slot does
// not hold the object's signal state), so one comparison of the tag with
// the handle's value (low bits cleared) validates a handle: its generation
// and slot at once, and for a wait also the object's kind and where its
// state is. A closed or unused slot's tag names another slot (index ^ 1), so
// no value compares equal to it. Hence:
// - a value with a bit set above bit 30 (INVALID_HANDLE_VALUE and the
//   pseudo-handles -1, -2, ..., the same truncated to a DWORD and
//   zero-extended, pointers, HMODULEs and HPORTs, which live above 2^32)
//   never matches;
// - generation 0 is never issued, so NULL and forged integers below 2^20
//   never match;
// - generations WRAP (2047 uses of a slot, then the first again): a slot is
//   never retired, so a server that creates and closes handles for months
//   keeps its table. The price: a stale handle (one closed by its owner and
//   used again) names the slot's object of 2047 uses later, if one is open
//   then. To make that as late as possible, closed slots are reused in FIFO
//   order and only while more than reuse_delay of them are waiting, so a
//   slot is reused only after at least reuse_delay other handles were
//   created since it was closed, and a stale value comes back only after
//   about reuse_delay * 2047 (two million) creations. Windows itself
//   reuses a handle value at once;
// - up to 2^18 (262,144) handles are open at once (closed slots are held
//   back only while never used ones remain).
#pragma once

#include <rasshost/win32.h>

#include <cstdint>

namespace rasshost::posix::handle_value {

static_assert(sizeof(std::uintptr_t) == 8, "the handle layout assumes 64-bit pointers");

inline constexpr std::uintptr_t ignored_bits = 3;  // a handle's two low bits
inline constexpr unsigned index_shift = 2;
inline constexpr unsigned index_bits = 18;
inline constexpr unsigned generation_shift = index_shift + index_bits;
inline constexpr unsigned generation_bits = 31 - generation_shift;
inline constexpr std::uint32_t index_mask = (1u << index_bits) - 1;
inline constexpr std::uint32_t slot_count = index_mask + 1;  // indices 0 .. 2^18 - 1
inline constexpr std::uint32_t max_generation = (1u << generation_bits) - 1;  // 2047; 0 is never issued
// Closed slots wait in a FIFO while no more than this many wait (handle_table.cpp).
inline constexpr std::uint32_t reuse_delay = 1024;

// The part of a handle's value that lookups compare: the low bits dropped.
constexpr std::uintptr_t key_of(std::uintptr_t value) noexcept { return value & ~ignored_bits; }

constexpr std::uint32_t index_of(std::uintptr_t value) noexcept {
    return static_cast<std::uint32_t>(value >> index_shift) & index_mask;
}
constexpr std::uint32_t generation_of(std::uintptr_t value) noexcept {
    return static_cast<std::uint32_t>(value >> generation_shift) & max_generation;
}

constexpr std::uintptr_t encode(std::uint32_t index, std::uint32_t generation) noexcept {
    return (std::uintptr_t{generation} << generation_shift) | (std::uintptr_t{index} << index_shift);
}

// The generation of a slot's next use: 1, 2, ..., max_generation, 1, ...
constexpr std::uint32_t next_generation(std::uint32_t generation) noexcept {
    return generation == max_generation ? 1 : generation + 1;
}

static_assert(encode(index_mask, max_generation) < (std::uintptr_t{1} << 31), "values fit in 31 bits");

// Set in an open slot's tag when its object cannot be waited on.
inline constexpr std::uintptr_t not_waitable = 2;
// Set in an open slot's tag when the object is waitable but keeps the copy
// of its signal state in another handle's slot (an object may have several
// handles; one slot holds the copy, wait_subsystem.hpp): the exact-match
// probe of a wait then misses, and the wait reads the object itself.
inline constexpr std::uintptr_t indirect = 1;
inline constexpr std::uintptr_t tag_flags = not_waitable | indirect;
static_assert(tag_flags == ignored_bits, "the flags live in the bits a handle's value ignores");

// The tag of an open slot: the handle's value, marked if not waitable or if
// the slot does not hold the object's state.
constexpr std::uintptr_t open_tag(std::uintptr_t value, bool waitable, bool holds_state) noexcept {
    return !waitable ? value | not_waitable : holds_state ? value : value | indirect;
}
// The tag of a closed (or never used, generation 0) slot: it keeps the
// generation for the next use and names another slot, so no handle equals it.
constexpr std::uintptr_t closed_tag(std::uint32_t index, std::uint32_t generation) noexcept {
    return encode(index ^ 1, generation);
}

}  // namespace rasshost::posix::handle_value
