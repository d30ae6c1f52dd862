// The blocks every memory call hands out (HeapAlloc, LocalAlloc,
// GlobalAlloc): malloc'd memory with a header in front that records the
// requested size (HeapSize, LocalSize and GlobalSize return it, as Windows
// does) and the heap the block belongs to, with the links of that heap's
// list, so that HeapDestroy can free what is left (docs/decisions.md#private-heaps).
#pragma once

#include <rasshost/win32.h>

#include <cstddef>

namespace rasshost::posix {

class Heap;

struct alignas(16) BlockHeader {
    BlockHeader* prev;
    BlockHeader* next;
    SIZE_T size;  // as requested
    Heap* heap;
};
// The payload stays as aligned as malloc's own blocks; moveable handles
// (moveable_memory.cpp) rely on payloads being 16-byte aligned.
static_assert(sizeof(BlockHeader) % 16 == 0);
static_assert(alignof(std::max_align_t) >= 16);

inline void* payload_of(BlockHeader* header) noexcept { return header + 1; }
inline BlockHeader* header_of(const void* payload) noexcept {
    return const_cast<BlockHeader*>(static_cast<const BlockHeader*>(payload) - 1);
}

// A new unlinked block of `bytes` (zeroed if asked), or nullptr when memory
// runs out or the size is beyond what any allocator could serve.
BlockHeader* new_block(SIZE_T bytes, bool zero) noexcept;

// The block at `bytes`, moved if `may_move` (then the old header is gone),
// else only shrunk or kept in place; nullptr (the old block untouched)
// when that cannot be done. New bytes are zeroed if `zero`. The caller
// relinks a moved block.
BlockHeader* resize_block(BlockHeader* header, SIZE_T bytes, bool zero, bool may_move) noexcept;

void free_block(BlockHeader* header) noexcept;

}  // namespace rasshost::posix
