// A heap: the process heap (GetProcessHeap) or a private one (HeapCreate).
// Both are handle-table entries of kind heap, so a forged or destroyed heap
// handle fails instead of being dereferenced (docs/decisions.md#private-heaps).
#pragma once

#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/memory/blocks.hpp"

#include <mutex>

namespace rasshost::posix {

class Heap final : public KernelObject {
public:
    static constexpr Kind kind = Kind::heap;

    // `maximum` 0: growable; otherwise the requested bytes the heap may hold
    // at once (Windows counts its own overhead too, so it says no earlier).
    // A private heap keeps a list of its blocks to free them when destroyed;
    // the process heap is never destroyed and keeps none.
    Heap(bool is_private, SIZE_T maximum) noexcept;
    ~Heap() override;

    // nullptr with the last error set (ERROR_NOT_ENOUGH_MEMORY, or
    // ERROR_INVALID_HANDLE once destroyed).
    void* allocate(SIZE_T bytes, bool zero) noexcept;
    void release(void* block) noexcept;
    // HEAP_REALLOC_IN_PLACE_ONLY and HEAP_ZERO_MEMORY as in `flags`.
    void* reallocate(void* block, SIZE_T bytes, DWORD flags) noexcept;
    // Whether `block` (a payload handed out by some heap) is this heap's.
    bool owns(const void* block) const noexcept { return header_of(block)->heap == this; }
    // Frees every block still allocated; later calls fail.
    void destroy() noexcept;

private:
    void link(BlockHeader* header) noexcept;
    void unlink(BlockHeader* header) noexcept;
    bool admit(SIZE_T more) noexcept;

    const bool private_;
    const SIZE_T maximum_;
    std::mutex mutex_;  // private heaps only: the list, used_ and destroyed_
    BlockHeader list_{&list_, &list_, 0, nullptr};
    SIZE_T used_ = 0;
    bool destroyed_ = false;
};

// The process heap's object (never destroyed).
Heap& process_heap() noexcept;

}  // namespace rasshost::posix
