// Fixed and moveable LocalAlloc/GlobalAlloc memory (local_memory.hpp).
#include "posix/win32/memory/local_memory.hpp"

#include "posix/win32/memory/heap.hpp"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <unordered_set>

namespace rasshost::posix::local_memory {
namespace {

constexpr UINT moveable = LMEM_MOVEABLE;
constexpr UINT lock_limit = LMEM_LOCKCOUNT;

struct alignas(16) Record {
    std::uint64_t unused;  // puts `block` 8 bytes past the 16-byte boundary
    void* block;           // NULL when discarded (size 0)
    UINT locks;
};
static_assert(offsetof(Record, block) == 8);

struct Registry {
    std::mutex mutex;
    std::unordered_set<Record*> records;
};

Registry& registry() {
    static Registry* const instance = new Registry;  // never destroyed: memory may be freed at exit
    return *instance;
}

bool is_fixed(const void* handle) noexcept { return (reinterpret_cast<std::uintptr_t>(handle) & 15u) == 0; }

HLOCAL handle_of_record(Record* record) noexcept { return &record->block; }

// The live record behind a moveable handle (call with the registry locked).
Record* find(Registry& r, HLOCAL handle) noexcept {
    auto* record = reinterpret_cast<Record*>(static_cast<char*>(handle) - offsetof(Record, block));
    return r.records.count(record) != 0 ? record : nullptr;
}

bool is_process_heap_block(const void* block) noexcept { return process_heap().owns(block); }

HLOCAL allocate_moveable(SIZE_T bytes, bool zero) noexcept {
    auto* record = new (std::nothrow) Record{0, nullptr, 0};
    if (record == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    if (bytes != 0 && (record->block = process_heap().allocate(bytes, zero)) == nullptr) {
        delete record;
        return nullptr;
    }
    auto& r = registry();
    try {
        std::lock_guard lock(r.mutex);
        r.records.insert(record);
    } catch (...) {
        if (record->block) process_heap().release(record->block);
        delete record;
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    return handle_of_record(record);
}

// A moveable block's new size; NULL with the last error when it cannot be.
HLOCAL resize_moveable(Record& record, HLOCAL handle, SIZE_T bytes, UINT flags) noexcept {
    const DWORD zero = (flags & LMEM_ZEROINIT) != 0 ? HEAP_ZERO_MEMORY : 0;
    if (record.block == nullptr) {  // discarded: gets a new block
        if (bytes != 0 && (record.block = process_heap().allocate(bytes, zero != 0)) == nullptr) return nullptr;
        return handle;
    }
    if (bytes == 0 && (flags & moveable) != 0 && record.locks == 0) {  // discards it
        process_heap().release(record.block);
        record.block = nullptr;
        return handle;
    }
    // A locked block stays where its users think it is unless the caller
    // allows a move.
    const DWORD in_place = (record.locks != 0 && (flags & moveable) == 0) ? HEAP_REALLOC_IN_PLACE_ONLY : 0;
    void* resized = process_heap().reallocate(record.block, bytes, zero | in_place);
    if (resized == nullptr) return nullptr;
    record.block = resized;
    return handle;
}

}  // namespace

HLOCAL allocate(UINT flags, SIZE_T bytes) noexcept {
    const bool zero = (flags & LMEM_ZEROINIT) != 0;
    if ((flags & moveable) != 0) return allocate_moveable(bytes, zero);
    return process_heap().allocate(bytes, zero);
}

HLOCAL release(HLOCAL handle) noexcept {
    if (handle == nullptr) return nullptr;
    if (is_fixed(handle)) {
        if (!is_process_heap_block(handle)) {
            SetLastError(ERROR_INVALID_HANDLE);
            return handle;
        }
        process_heap().release(handle);
        return nullptr;
    }
    auto& r = registry();
    Record* record = nullptr;
    {
        std::lock_guard lock(r.mutex);
        record = find(r, handle);
        if (record != nullptr) r.records.erase(record);
    }
    if (record == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return handle;
    }
    // Freed even while locked, as Win32 does.
    if (record->block != nullptr) process_heap().release(record->block);
    delete record;
    return nullptr;
}

LPVOID lock(HLOCAL handle) noexcept {
    if (handle == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if (is_fixed(handle)) return handle;
    auto& r = registry();
    std::lock_guard guard(r.mutex);
    Record* record = find(r, handle);
    if (record == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if (record->block == nullptr) {
        SetLastError(ERROR_DISCARDED);
        return nullptr;
    }
    if (record->locks < lock_limit) ++record->locks;
    return record->block;
}

BOOL unlock(HLOCAL handle, BOOL fixed_result) noexcept {
    if (handle != nullptr && is_fixed(handle)) {
        if (!fixed_result) SetLastError(ERROR_NOT_LOCKED);
        return fixed_result;
    }
    auto& r = registry();
    std::lock_guard guard(r.mutex);
    Record* record = handle != nullptr ? find(r, handle) : nullptr;
    if (record == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (record->locks == 0) {
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    if (--record->locks != 0) return TRUE;
    SetLastError(ERROR_SUCCESS);
    return FALSE;
}

SIZE_T size(HLOCAL handle) noexcept {
    if (handle != nullptr && is_fixed(handle)) {
        if (is_process_heap_block(handle)) return header_of(handle)->size;
    } else if (handle != nullptr) {
        auto& r = registry();
        std::lock_guard guard(r.mutex);
        if (Record* record = find(r, handle)) return record->block ? header_of(record->block)->size : 0;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return 0;
}

HLOCAL reallocate(HLOCAL handle, SIZE_T bytes, UINT flags) noexcept {
    if (handle == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if (is_fixed(handle)) {
        if (!is_process_heap_block(handle)) {
            SetLastError(ERROR_INVALID_HANDLE);
            return nullptr;
        }
        if ((flags & LMEM_MODIFY) != 0) return handle;  // only attributes that do not apply to fixed memory
        // A fixed block moves only if the caller allows it.
        const DWORD how = ((flags & LMEM_ZEROINIT) != 0 ? HEAP_ZERO_MEMORY : 0) |
                          ((flags & moveable) != 0 ? 0 : HEAP_REALLOC_IN_PLACE_ONLY);
        return process_heap().reallocate(handle, bytes, how);
    }
    auto& r = registry();
    std::lock_guard guard(r.mutex);
    Record* record = find(r, handle);
    if (record == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if ((flags & LMEM_MODIFY) != 0) return handle;  // discardability: nothing is ever discarded for memory
    return resize_moveable(*record, handle, bytes, flags);
}

HLOCAL handle_of(LPCVOID block) noexcept {
    if (block != nullptr && is_fixed(block)) {
        auto& r = registry();
        std::lock_guard guard(r.mutex);
        for (Record* record : r.records)
            if (record->block == block) return handle_of_record(record);
        if (is_process_heap_block(block)) return const_cast<LPVOID>(block);
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return nullptr;
}

UINT flags_of(HLOCAL handle) noexcept {
    if (handle != nullptr && is_fixed(handle)) return is_process_heap_block(handle) ? 0 : LMEM_INVALID_HANDLE;
    auto& r = registry();
    std::lock_guard guard(r.mutex);
    Record* record = handle != nullptr ? find(r, handle) : nullptr;
    if (record == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return LMEM_INVALID_HANDLE;
    }
    return record->locks | (record->block == nullptr ? LMEM_DISCARDED : 0u);
}

}  // namespace rasshost::posix::local_memory
