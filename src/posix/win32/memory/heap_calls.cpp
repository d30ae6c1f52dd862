// GetProcessHeap, HeapCreate/HeapDestroy and the block calls on a heap.
//
// Decisions (docs/decisions.md#private-heaps):
//  - A heap handle is a handle-table entry of kind heap: a forged, closed or
//    destroyed heap fails with ERROR_INVALID_HANDLE; CloseHandle and
//    DuplicateHandle refuse heaps, as on Windows, where they are not kernel
//    objects.
//  - HeapDestroy frees every block still allocated from the heap; the
//    process heap cannot be destroyed.
//  - A heap's blocks all carry their heap (blocks.hpp): freeing or resizing
//    a block through another heap fails with ERROR_INVALID_PARAMETER where
//    Windows would corrupt memory.
//  - Failures set ERROR_NOT_ENOUGH_MEMORY (Windows documents no code for
//    HeapAlloc and HeapReAlloc); HEAP_GENERATE_EXCEPTIONS cannot raise a
//    structured exception on POSIX, so it returns NULL too.
#include "posix/win32/memory/heap.hpp"

#include <rasshost/win32.h>

#include <memory>
#include <new>

namespace rasshost::posix {
namespace {

// HEAP_CREATE_ENABLE_EXECUTE is refused: malloc'd memory is not executable.
constexpr DWORD heap_create_supported = HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS;

// The heap a handle names, kept alive for the call (the process heap needs
// no reference: it is never destroyed).
struct HeapRef {
    Heap* heap = nullptr;
    std::shared_ptr<Heap> keep;
};

HeapRef resolve_heap(HANDLE handle) noexcept {
    if (handle != nullptr && handle == GetProcessHeap()) return {&process_heap(), nullptr};
    auto heap = lookup_handle_as<Heap>(handle);
    if (!heap) SetLastError(ERROR_INVALID_HANDLE);
    Heap* raw = heap.get();
    return {raw, std::move(heap)};
}

// The heap of a call on an existing block, which must be that heap's.
HeapRef resolve_owner(HANDLE handle, const void* block) noexcept {
    HeapRef ref = resolve_heap(handle);
    if (ref.heap == nullptr) return ref;
    if (block == nullptr || !ref.heap->owns(block)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return {};
    }
    return ref;
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" HANDLE WINAPI GetProcessHeap(void) {
    // Registered once and never closed (CloseHandle refuses heaps).
    static const HANDLE heap =
        insert_handle(std::shared_ptr<Heap>(&process_heap(), [](Heap*) { /* never destroyed */ }));
    return heap;
}

extern "C" HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T, SIZE_T dwMaximumSize) {
    if ((flOptions & ~heap_create_supported) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    std::shared_ptr<Heap> heap(new (std::nothrow) Heap(true, dwMaximumSize), [](Heap* h) { delete h; });
    if (!heap) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    return insert_handle(std::move(heap));  // sets ERROR_NOT_ENOUGH_MEMORY itself
}

extern "C" BOOL WINAPI HeapDestroy(HANDLE hHeap) {
    if (hHeap != nullptr && hHeap == GetProcessHeap()) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    auto heap = lookup_handle_as<Heap>(hHeap);
    if (!heap || !close_handle_of_kind(hHeap, KernelObject::Kind::heap)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    heap->destroy();  // now, not when the last reference goes
    return TRUE;
}

extern "C" LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes) {
    const HeapRef ref = resolve_heap(hHeap);
    if (ref.heap == nullptr) return nullptr;
    return ref.heap->allocate(dwBytes, (dwFlags & HEAP_ZERO_MEMORY) != 0);
}

extern "C" BOOL WINAPI HeapFree(HANDLE hHeap, DWORD, LPVOID lpMem) {
    if (lpMem == nullptr) {  // the documented successful no-op, once the heap is valid
        return resolve_heap(hHeap).heap != nullptr ? TRUE : FALSE;
    }
    const HeapRef ref = resolve_owner(hHeap, lpMem);
    if (ref.heap == nullptr) return FALSE;
    ref.heap->release(lpMem);
    return TRUE;
}

extern "C" LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes) {
    const HeapRef ref = resolve_owner(hHeap, lpMem);
    if (ref.heap == nullptr) return nullptr;
    return ref.heap->reallocate(lpMem, dwBytes, dwFlags);
}

extern "C" SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD, LPCVOID lpMem) {
    const HeapRef ref = resolve_owner(hHeap, lpMem);
    if (ref.heap == nullptr) return static_cast<SIZE_T>(-1);
    return header_of(lpMem)->size;
}
