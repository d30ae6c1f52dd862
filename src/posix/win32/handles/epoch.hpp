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

// One per thread that has opened a section. Records are never freed (a
// concurrent advance() may be reading one) and are reused after their
// thread exits. One cache line each: entering a section writes only the
// entering thread's line.
struct alignas(64) Reader {
    std::atomic<std::uint64_t> entered{0};  // 0: no open section, else the epoch it entered at
    std::atomic<bool> taken{true};
    Reader* next = nullptr;  // registry link, immutable once published
    unsigned depth = 0;      // nesting, touched by the owner thread only
};

// What the inline fast path of a section reads (epoch.cpp).
namespace detail {
// Epochs start at 1 so that 0 can mean "not in a section".
extern std::atomic<std::uint64_t> global_epoch;
// Trivially constructed, so the hot path reads it without a TLS guard; in
// the initial TLS block, so reading it is one load, not a call into the
// dynamic loader (a pointer's worth of the block glibc keeps for libraries).
[[gnu::tls_model("initial-exec")]] extern thread_local Reader* this_thread_reader;
// A thread's first section: its record, or nullptr when it has none and
// the section was counted in the shared fallback counter instead.
Reader* first_reader() noexcept;
void leave_fallback() noexcept;
}  // namespace detail

// While a ReadSection lives, nothing unpublished after it began is
// released. Nestable. Never fails: if no per-thread record can be allocated,
// it falls back to a shared counter that holds back every release. Inline:
// every handle lookup opens one.
class ReadSection {
public:
    ReadSection() noexcept : reader_(detail::this_thread_reader) {
        if (!reader_) [[unlikely]] {
            reader_ = detail::first_reader();
            if (!reader_) return;
        }
        // The store must be ordered before the loads the section then makes
        // (store-load order): only a sequentially consistent store gives that.
        if (reader_->depth++ == 0)
            reader_->entered.store(detail::global_epoch.load(std::memory_order_relaxed), std::memory_order_seq_cst);
    }
    ~ReadSection() {
        if (!reader_) [[unlikely]] {
            detail::leave_fallback();
            return;
        }
        if (--reader_->depth == 0) reader_->entered.store(0, std::memory_order_release);
    }
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
