// What a value read sees without the tree's lock: an immutable copy of a
// key's values, published through the key and rebuilt on the first read
// after a change (docs/decisions.md#registry-reads).
//
// Why: a DLL reads its settings far more often than anyone writes them, and
// a read that took the tree's lock paid two atomic read-modify-writes on a
// line every reader shares. A reader that found its key through a handle is
// inside the handle table's epoch section (handles/epoch.hpp), so a snapshot
// it loads from the key stays alive until the section ends, even if a writer
// replaces it meanwhile: writers retire snapshots through the same epochs.
#pragma once

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/text/ansi_code_page.hpp"
#include "posix/win32/text/word_key.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace rasshost::posix::registry {

struct SnapshotValue {
    WordKey key;
    DWORD type = REG_NONE;
    std::vector<BYTE> data;  // the W form: the stored bytes
    std::string ansi;        // the A form of a string value, in the snapshot's code page
};

// An open-addressed table: a read is one hash, a probe or two and a compare.
struct ValueSnapshot {
    unsigned code_page = 0;  // the ANSI code page `ansi` was made in
    WordKeyTable<SnapshotValue> values;

    // Retirement bookkeeping (value_snapshot.cpp): set once unpublished.
    mutable const ValueSnapshot* next_retired = nullptr;
    mutable std::uint64_t retired_at = 0;
};

// The key's snapshot if it is current for the ANSI code page, else nullptr.
// Callers are inside a handle-table read section or hold the tree's lock.
inline const ValueSnapshot* current_snapshot(const Key& key) noexcept {
    const ValueSnapshot* snapshot = key.snapshot.load(std::memory_order_acquire);
    return snapshot && snapshot->code_page == ansi_code_page() ? snapshot : nullptr;
}

// The key's snapshot, made and published first if it is missing or stale.
// The tree's lock is held (shared is enough).
const ValueSnapshot& snapshot_for_read(const Key& key);

// Unpublishes the key's snapshot after a change, retiring it until no read
// section can still be using it. The tree's lock is held alone.
void invalidate_snapshot(const Key& key) noexcept;

// Frees the key's snapshot when the key itself goes: nothing can reach it.
void free_snapshot(const Key& key) noexcept;

}  // namespace rasshost::posix::registry
