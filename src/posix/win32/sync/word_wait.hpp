// Sleeping on a 32-bit word that lives in caller-owned memory (a
// CRITICAL_SECTION's lock word): a futex on Linux, a table of mutex and
// condition variable buckets elsewhere. Unlike the parker, nothing is
// allocated per word, so a zero-filled structure that was never initialised
// can be waited on.
#pragma once

#include <cstdint>

namespace rasshost::posix::word_wait {

// Sleeps while *word == expected (returns at once otherwise); may return
// spuriously, so callers re-check.
void wait(std::uint32_t* word, std::uint32_t expected) noexcept;

// Wakes one thread sleeping on word.
void wake_one(std::uint32_t* word) noexcept;

}  // namespace rasshost::posix::word_wait
