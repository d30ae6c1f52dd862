// The dialog's input queue: the bytes a remote user typed that no Receive
// has taken yet, bounded by HostOptions::input_queue_limit
// (docs/decisions.md#input-with-no-receive-pending).
//
// One contiguous block used as a ring, so that the port can read straight
// into the free space (writable(), then commit(): no intermediate buffer,
// no byte-wise insert) and a Receive takes its bytes with at most two
// memcpy (pop()). The block starts at min(bound, 4 KiB) and doubles, up to
// the bound, only when input arrives faster than the DLL takes it (the block
// is full, or a backlog would make a read come back short): a large bound
// (1 MiB in some tests and the bench) costs nothing per idle dialog.
//
// What was typed can be a password: popped and cleared bytes are wiped at
// once with SecureZeroMemory, and a block given up (the ring grows or dies)
// is wiped by its allocator (SecureAllocator).
//
// Not thread-safe: the dialog calls it under its mutex. One write at a
// time: between writable() and its commit() -- while the port fills that
// space with the mutex released -- pop() and clear() may run (they touch
// only queued bytes, never free space, and never move the tail), but no
// other writable(), push() or commit().
#pragma once

#include "common/secure_allocator.hpp"

#include <rasshost/config.h>
#include <rasshost/win32.h>

#include <cstddef>
#include <span>
#include <vector>

namespace rasshost {

// Exported only so the unit test can drive it; not part of the public API.
class RASSHOST_API InputRing {
public:
    /** The block a ring starts with, if its bound is larger. */
    static constexpr std::size_t initial_block = 4096;

    /** `bound` >= 1: the most bytes the ring ever holds. */
    explicit InputRing(std::size_t bound);

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::size_t bound() const noexcept { return bound_; }
    /** The block allocated now: initial_block (or the bound), doubled as needed up to the bound. */
    std::size_t capacity() const noexcept { return block_.size(); }

    /** Free space right after the newest byte, at most `max` bytes and up
     *  to the end of the block: where the next bytes go. Empty only when
     *  the ring holds `bound` bytes. Grows the block (below the bound) when
     *  it is full, or when its free space is short of `max` while max / 4
     *  bytes or more wait (input outpacing the DLL: reads stay full); an
     *  empty ring starts over at the start of its block (the largest span),
     *  and so does one holding at most `max` bytes, unwrapped, whose span
     *  to the end is shorter than `max`: they move to the start (a copy no
     *  larger than the read it makes room for) and are wiped where they were. */
    std::span<BYTE> writable(std::size_t max);

    /** The first `n` bytes of the span the last writable() returned are
     *  queued now. */
    void commit(std::size_t n) noexcept;

    /** Queues as much of `bytes` as the bound leaves room for; returns how
     *  many (the rest is the caller's to drop). */
    std::size_t push(std::span<const BYTE> bytes);

    /** Moves up to out.size() of the oldest bytes into `out`, wipes them
     *  here, and returns how many. */
    std::size_t pop(std::span<BYTE> out) noexcept;

    /** Wipes and forgets every queued byte. */
    void clear() noexcept;

private:
    std::size_t tail() const noexcept;  // where the next byte goes
    bool should_grow(std::size_t max) const noexcept;
    bool should_compact(std::size_t max) const noexcept;
    void compact() noexcept;
    void grow();

    std::vector<BYTE, SecureAllocator<BYTE>> block_;
    std::size_t bound_;
    std::size_t head_ = 0;  // the oldest queued byte
    std::size_t size_ = 0;
};

}  // namespace rasshost
