// The Win32 memory subset: one process heap over malloc, LocalAlloc for
// fixed blocks, and a SecureZeroMemory the optimiser cannot drop.
//
// Decisions (docs/decisions.md#memory):
//  - There is exactly one heap, so a heap handle is valid only if it is the
//    process heap; anything else fails with ERROR_INVALID_HANDLE.
//  - HeapAlloc sets ERROR_NOT_ENOUGH_MEMORY on failure (win32.h contract;
//    Windows documents no last-error code there). HEAP_GENERATE_EXCEPTIONS
//    cannot raise a structured exception on POSIX: it returns NULL too.
//  - Requests above PTRDIFF_MAX fail up front: no real allocator could serve
//    them, and sanitizer allocators abort instead of returning NULL.
//  - Size 0 yields a unique, freeable pointer, as on Windows.
//  - A pointer that was not allocated here is not detected (Windows does not
//    detect it either); NULL is always harmless.
#include "posix/win32/handles/handle_table.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace rasshost::posix {
namespace {

class ProcessHeap final : public KernelObject {
public:
    static constexpr Kind kind = Kind::heap;
    ProcessHeap() noexcept : KernelObject(kind) {}
};

// LMEM_NOCOMPACT and LMEM_NODISCARD only matter for moveable memory, so
// with fixed blocks they are accepted and have no effect.
constexpr UINT lmem_nocompact = 0x0010u;
constexpr UINT lmem_nodiscard = 0x0020u;
constexpr UINT lmem_supported = LMEM_FIXED | LMEM_ZEROINIT | lmem_nocompact | lmem_nodiscard;

void* allocate(SIZE_T bytes, bool zero) noexcept {
    if (bytes > static_cast<SIZE_T>(PTRDIFF_MAX)) return nullptr;
    const SIZE_T actual = bytes == 0 ? 1 : bytes;  // malloc(0) may return NULL
    return zero ? std::calloc(1, actual) : std::malloc(actual);
}

}  // namespace
}  // namespace rasshost::posix

extern "C" HANDLE WINAPI GetProcessHeap(void) {
    // Registered once and never closed (CloseHandle refuses heaps).
    static const HANDLE heap = rasshost::posix::insert_handle(std::make_shared<rasshost::posix::ProcessHeap>());
    return heap;
}

extern "C" LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes) {
    if (hHeap == nullptr || hHeap != GetProcessHeap()) {
        SetLastError(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    void* block = rasshost::posix::allocate(dwBytes, (dwFlags & HEAP_ZERO_MEMORY) != 0);
    if (block == nullptr) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return block;
}

extern "C" BOOL WINAPI HeapFree(HANDLE hHeap, DWORD, LPVOID lpMem) {
    if (hHeap == nullptr || hHeap != GetProcessHeap()) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::free(lpMem);  // free(NULL) is the documented successful no-op
    return TRUE;
}

extern "C" HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes) {
    // Moveable (and so discardable) memory needs LocalLock/LocalUnlock, which
    // the subset does not offer: refuse it rather than hand out a block that
    // legacy code would then pass to missing functions.
    if ((uFlags & LMEM_MOVEABLE) != 0 || (uFlags & ~rasshost::posix::lmem_supported) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    void* block = rasshost::posix::allocate(uBytes, (uFlags & LMEM_ZEROINIT) != 0);
    if (block == nullptr) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return block;
}

extern "C" HLOCAL WINAPI LocalFree(HLOCAL hMem) {
    std::free(hMem);
    return nullptr;  // NULL means success for LocalFree
}

extern "C" PVOID WINAPI SecureZeroMemory(PVOID ptr, SIZE_T cnt) {
    if (ptr == nullptr) return ptr;
    // explicit_bzero is specified never to be optimised away; the empty asm
    // with a memory clobber additionally tells the compiler the bytes are
    // observed, so link-time optimisation cannot drop the call either.
    explicit_bzero(ptr, cnt);
    __asm__ __volatile__("" : : "r"(ptr) : "memory");
    return ptr;
}
