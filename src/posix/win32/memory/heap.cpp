// Heap objects (heap.hpp). The process heap takes no lock of its own (malloc
// has its own); a private heap locks its block list around every change.
#include "posix/win32/memory/heap.hpp"

namespace rasshost::posix {

Heap::Heap(bool is_private, SIZE_T maximum) noexcept : KernelObject(kind), private_(is_private), maximum_(maximum) {}

Heap::~Heap() { destroy(); }

Heap& process_heap() noexcept {
    static Heap* const heap = new Heap(false, 0);  // never destroyed: memory is freed at exit
    return *heap;
}

void Heap::link(BlockHeader* header) noexcept {
    header->heap = this;
    if (!private_) return;
    header->next = list_.next;
    header->prev = &list_;
    list_.next->prev = header;
    list_.next = header;
}

void Heap::unlink(BlockHeader* header) noexcept {
    if (!private_) return;
    header->prev->next = header->next;
    header->next->prev = header->prev;
}

// Whether `more` bytes fit under the maximum (callers hold the lock).
bool Heap::admit(SIZE_T more) noexcept {
    if (maximum_ == 0) return true;
    if (more > maximum_ - used_) return false;
    used_ += more;
    return true;
}

void* Heap::allocate(SIZE_T bytes, bool zero) noexcept {
    if (!private_) {
        BlockHeader* header = new_block(bytes, zero);
        if (header == nullptr) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return nullptr;
        }
        link(header);
        return payload_of(header);
    }
    std::lock_guard lock(mutex_);
    if (destroyed_) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if (!admit(bytes)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    BlockHeader* header = new_block(bytes, zero);
    if (header == nullptr) {
        if (maximum_ != 0) used_ -= bytes;
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    link(header);
    return payload_of(header);
}

void Heap::release(void* block) noexcept {
    BlockHeader* header = header_of(block);
    if (private_) {
        std::lock_guard lock(mutex_);
        if (destroyed_) return;  // already freed with the heap
        unlink(header);
        if (maximum_ != 0) used_ -= header->size;
    }
    free_block(header);
}

void* Heap::reallocate(void* block, SIZE_T bytes, DWORD flags) noexcept {
    const bool zero = (flags & HEAP_ZERO_MEMORY) != 0;
    const bool may_move = (flags & HEAP_REALLOC_IN_PLACE_ONLY) == 0;
    std::unique_lock<std::mutex> lock;
    if (private_) lock = std::unique_lock(mutex_);
    if (destroyed_) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    BlockHeader* header = header_of(block);
    const SIZE_T old_size = header->size;
    if (private_ && bytes > old_size && !admit(bytes - old_size)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    unlink(header);
    BlockHeader* resized = resize_block(header, bytes, zero, may_move);
    link(resized != nullptr ? resized : header);
    if (private_ && maximum_ != 0) {
        if (resized == nullptr && bytes > old_size) used_ -= bytes - old_size;
        if (resized != nullptr && bytes < old_size) used_ -= old_size - bytes;
    }
    if (resized == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    return payload_of(resized);
}

void Heap::destroy() noexcept {
    if (!private_) return;
    std::lock_guard lock(mutex_);
    while (list_.next != &list_) {
        BlockHeader* header = list_.next;
        unlink(header);
        free_block(header);
    }
    used_ = 0;
    destroyed_ = true;
}

}  // namespace rasshost::posix
