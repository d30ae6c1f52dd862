// Epoch-based deferred release: lets a thread read shared objects for a
// short while without locks and without taking references, while another
// thread unpublishes them.
//
// A reader opens a ReadSection: one sequentially consistent store to its
// own cache line (an xchg on x86), no write to any shared cache line. A
// writer that has unpublished an object (so no new section can find it)
// stamps it with stamp() and releases it only once releasable(stamp)
// holds: by then every section that could have seen the object has ended.
// This is what lets the handle table resolve 64 handles with 64 plain loads
// instead of 64 reference-count round trips.
//
// Why it is safe (all operations below are sequentially consistent): a
// section that found the object entered before the object was unpublished,
// so its entry epoch is <= the stamp s. The epoch moves from e to e + 1 only
// when every open section entered at e, so it cannot reach s + 2 while that
// section is open; releasable(s) requires exactly that.
//
// Sections must stay short: they never sleep (a sleeping waiter takes real
// references instead). A thread stuck inside one (preempted) only delays
// releases, it never makes them unsafe; what is closed meanwhile waits.
#pragma once

#include <atomic>
#include <cstdint>

namespace rasshost::posix::epoch {

struct Reader;  // one per thread that opens sections (epoch.cpp)

// While a ReadSection lives, nothing unpublished after it began is
// released. Nestable. Never fails: if no per-thread record can be allocated,
// it falls back to a shared counter that holds back every release.
class ReadSection {
public:
    ReadSection() noexcept;
    ~ReadSection();
    ReadSection(const ReadSection&) = delete;
    ReadSection& operator=(const ReadSection&) = delete;

private:
    Reader* reader_;  // nullptr: the shared fallback counter
};

// The stamp of an object unpublished just before this call.
std::uint64_t stamp() noexcept;

// Moves the epoch on as far as open sections allow (at most two steps) and
// returns it. Called by writers, under their own lock; never blocks.
std::uint64_t advance() noexcept;

// True if an object stamped `stamp` may be released when the epoch is `now`.
constexpr bool releasable(std::uint64_t stamp, std::uint64_t now) noexcept { return stamp + 2 <= now; }

}  // namespace rasshost::posix::epoch
