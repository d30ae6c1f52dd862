// Block headers over malloc (blocks.hpp).
#include "posix/win32/memory/blocks.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace rasshost::posix {
namespace {

// Requests above PTRDIFF_MAX fail up front: no real allocator could serve
// them, and sanitizer allocators abort instead of returning NULL.
constexpr SIZE_T largest_request = static_cast<SIZE_T>(PTRDIFF_MAX) - sizeof(BlockHeader);

}  // namespace

BlockHeader* new_block(SIZE_T bytes, bool zero) noexcept {
    if (bytes > largest_request) return nullptr;
    void* memory = zero ? std::calloc(1, sizeof(BlockHeader) + bytes) : std::malloc(sizeof(BlockHeader) + bytes);
    if (memory == nullptr) return nullptr;
    return new (memory) BlockHeader{nullptr, nullptr, bytes, nullptr};
}

BlockHeader* resize_block(BlockHeader* header, SIZE_T bytes, bool zero, bool may_move) noexcept {
    const SIZE_T old_size = header->size;
    if (bytes <= old_size) {  // shrinking never moves, as on Windows
        header->size = bytes;
        return header;
    }
    // Growing in place would need the allocator's slack, which malloc does
    // not promise: only a moving resize can grow.
    if (!may_move || bytes > largest_request) return nullptr;
    void* memory = std::realloc(header, sizeof(BlockHeader) + bytes);
    if (memory == nullptr) return nullptr;
    auto* moved = static_cast<BlockHeader*>(memory);
    if (zero) std::memset(static_cast<unsigned char*>(payload_of(moved)) + old_size, 0, bytes - old_size);
    moved->size = bytes;
    return moved;
}

void free_block(BlockHeader* header) noexcept {
    header->~BlockHeader();
    std::free(header);
}

}  // namespace rasshost::posix
