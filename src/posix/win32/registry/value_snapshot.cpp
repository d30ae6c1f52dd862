// Published value snapshots and their retirement (value_snapshot.hpp).
#include "posix/win32/registry/value_snapshot.hpp"

#include "posix/win32/handles/epoch.hpp"
#include "posix/win32/registry/value_form.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <memory>
#include <mutex>
#include <utility>

namespace rasshost::posix::registry {
namespace {

// Snapshots unpublished but perhaps still read, oldest last. A list through
// the snapshots themselves, so retiring never allocates.
struct Retired {
    std::mutex mutex;
    const ValueSnapshot* head = nullptr;
};

Retired& retired() noexcept {
    static Retired instance;
    return instance;
}

// Frees what no open section can see any more. Retired stamps only grow
// along the list from its tail to its head, so the releasable ones are a
// tail of the list.
void release_old(Retired& r) noexcept {
    const std::uint64_t now = epoch::advance();
    const ValueSnapshot** link = &r.head;
    while (*link && !epoch::releasable((*link)->retired_at, now)) link = &(*link)->next_retired;
    const ValueSnapshot* old = *link;
    *link = nullptr;
    while (old) delete std::exchange(old, old->next_retired);
}

void retire(const ValueSnapshot* snapshot) noexcept {
    if (!snapshot) return;
    Retired& r = retired();
    std::lock_guard lock(r.mutex);
    snapshot->retired_at = epoch::stamp();  // read after the unpublishing
    snapshot->next_retired = r.head;
    r.head = snapshot;
    release_old(r);
}

std::unique_ptr<ValueSnapshot> make_snapshot(const Key& key) {
    std::vector<SnapshotValue> values;
    values.reserve(key.values.size());
    for (const Value& value : key.values) {
        values.push_back(SnapshotValue{word_key(lookup_key(value.name)), value.type, value.data, {}});
        if (is_string(value.type)) values.back().ansi = ansi_text(value);
    }
    auto snapshot = std::make_unique<ValueSnapshot>();
    snapshot->code_page = ansi_code_page();
    snapshot->values = WordKeyTable<SnapshotValue>(std::move(values));
    return snapshot;
}

}  // namespace

const ValueSnapshot& snapshot_for_read(const Key& key) {
    if (const ValueSnapshot* current = current_snapshot(key)) return *current;
    const ValueSnapshot* published = key.snapshot.load(std::memory_order_acquire);
    // Readers sharing the lock may race to publish: the first wins, the
    // others use its snapshot (made from the same values).
    std::unique_ptr<ValueSnapshot> made = make_snapshot(key);
    if (key.snapshot.compare_exchange_strong(published, made.get(), std::memory_order_seq_cst,
                                             std::memory_order_acquire)) {
        retire(published);  // a snapshot of another code page
        return *made.release();
    }
    return *published;
}

void invalidate_snapshot(const Key& key) noexcept {
    retire(key.snapshot.exchange(nullptr, std::memory_order_seq_cst));
}

void free_snapshot(const Key& key) noexcept { delete key.snapshot.exchange(nullptr, std::memory_order_relaxed); }

}  // namespace rasshost::posix::registry
