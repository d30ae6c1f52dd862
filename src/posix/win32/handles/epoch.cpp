// The global epoch, the per-thread reader records and the fallback counter
// behind ReadSection (see epoch.hpp for the protocol and why it is safe).
#include "posix/win32/handles/epoch.hpp"

#include <new>

#include <pthread.h>

namespace rasshost::posix::epoch {

namespace detail {
std::atomic<std::uint64_t> global_epoch{1};
[[gnu::tls_model("initial-exec")]] thread_local Reader* this_thread_reader = nullptr;
}  // namespace detail

using detail::global_epoch;
using detail::this_thread_reader;

namespace {

constexpr auto seq_cst = std::memory_order_seq_cst;

// Sections of threads that could not get a record (out of memory, or
// opened from a thread_local destructor at thread exit): while any is
// open, the epoch does not move, so nothing is released.
std::atomic<std::uint64_t> fallback_sections{0};
std::atomic<Reader*> registry{nullptr};

thread_local bool this_thread_exiting = false;

// Gives the thread's record back when the thread exits. A pthread key, not
// a thread_local with a destructor: glibc allocates to register such a
// destructor on first use and aborts the process when that fails, and the
// first section of a thread may come when memory has run out (CloseHandle
// after CreateEvent failed with ERROR_NOT_ENOUGH_MEMORY). Setting one of the
// process's first keys allocates nothing. Key destructors run after the
// thread_local ones, so those may still open sections with the record.
void give_back(void* record) {
    this_thread_reader = nullptr;
    this_thread_exiting = true;  // a section opened after this point uses the fallback
    static_cast<Reader*>(record)->taken.store(false, std::memory_order_release);
}

struct LeaseKey {
    pthread_key_t key{};
    bool valid = pthread_key_create(&key, &give_back) == 0;
};
const LeaseKey lease_key;

Reader* take_record() noexcept {
    for (Reader* r = registry.load(seq_cst); r; r = r->next) {
        bool expected = false;
        if (!r->taken.load(std::memory_order_relaxed) &&
            r->taken.compare_exchange_strong(expected, true, std::memory_order_acquire))
            return r;
    }
    Reader* r = new (std::nothrow) Reader;
    if (!r) return nullptr;
    // Sequentially consistent push: an advance() that runs after a section
    // of this thread has found an object is guaranteed to see the record.
    r->next = registry.load(seq_cst);
    while (!registry.compare_exchange_weak(r->next, r, seq_cst)) {
    }
    return r;
}

Reader* reader_for_this_thread() noexcept {
    if (Reader* r = this_thread_reader) return r;
    if (this_thread_exiting) return nullptr;
    if (!lease_key.valid) return nullptr;
    Reader* r = take_record();
    if (!r) return nullptr;
    if (pthread_setspecific(lease_key.key, r) != 0) {
        r->taken.store(false, std::memory_order_release);
        return nullptr;
    }
    this_thread_reader = r;
    return r;
}

}  // namespace

namespace detail {

Reader* first_reader() noexcept {
    Reader* r = reader_for_this_thread();
    if (!r) fallback_sections.fetch_add(1, seq_cst);
    return r;
}

void leave_fallback() noexcept { fallback_sections.fetch_sub(1, std::memory_order_release); }

}  // namespace detail

std::uint64_t stamp() noexcept { return global_epoch.load(seq_cst); }

std::uint64_t advance() noexcept {
    std::uint64_t now = global_epoch.load(seq_cst);
    for (int step = 0; step < 2; ++step) {
        if (fallback_sections.load(seq_cst) != 0) break;
        for (Reader* r = registry.load(seq_cst); r; r = r->next) {
            const std::uint64_t entered = r->entered.load(seq_cst);
            if (entered != 0 && entered != now) return now;  // a section from an older epoch is still open
        }
        // On failure another thread advanced: `now` then holds the newer epoch.
        if (global_epoch.compare_exchange_strong(now, now + 1, seq_cst)) ++now;
    }
    return now;
}

}  // namespace rasshost::posix::epoch
