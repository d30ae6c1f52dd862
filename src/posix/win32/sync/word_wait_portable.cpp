// word_wait where there is no futex: a fixed table of mutex + condition
// variable buckets, a word hashed to one. Not std::atomic::wait
// (docs/decisions.md#no-atomic-wait). A bucket is shared by the words that
// hash to it, so a wake notifies all its sleepers and each re-checks its own
// word; no wake is lost because the sleeper checks its word under the bucket
// lock and the waker takes that lock after changing the word.
#include "posix/win32/sync/word_wait.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace rasshost::posix::word_wait {
namespace {

struct Bucket {
    std::mutex mutex;
    std::condition_variable sleepers;
};

constexpr std::size_t bucket_count = 64;
Bucket buckets[bucket_count];

Bucket& bucket_of(const std::uint32_t* word) noexcept {
    const auto address = reinterpret_cast<std::uintptr_t>(word);
    return buckets[(address >> 4) % bucket_count];
}

}  // namespace

void wait(std::uint32_t* word, std::uint32_t expected) noexcept {
    Bucket& bucket = bucket_of(word);
    std::unique_lock lock(bucket.mutex);
    if (std::atomic_ref<std::uint32_t>(*word).load(std::memory_order_acquire) != expected) return;
    bucket.sleepers.wait(lock);
}

void wake_one(std::uint32_t* word) noexcept {
    Bucket& bucket = bucket_of(word);
    { std::lock_guard lock(bucket.mutex); }
    bucket.sleepers.notify_all();
}

}  // namespace rasshost::posix::word_wait
