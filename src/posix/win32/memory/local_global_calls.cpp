// LocalAlloc ... and GlobalAlloc ...: the same allocator (local_memory.hpp),
// as in Win32, where both are the process heap with moveable handles on top.
#include "posix/win32/memory/local_memory.hpp"

namespace lm = rasshost::posix::local_memory;

namespace {

// Every flag either family defines; LMEM_DISCARDABLE, GMEM_DDESHARE and the
// other Win16 attributes are accepted and have no effect (memory is never
// discarded or shared).
constexpr UINT lmem_valid = 0x0F72u;
constexpr UINT gmem_valid = 0x7F72u;

template <UINT valid>
HLOCAL checked_allocate(UINT flags, SIZE_T bytes) noexcept {
    if ((flags & ~valid) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return lm::allocate(flags, bytes);
}

}  // namespace

extern "C" HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes) { return checked_allocate<lmem_valid>(uFlags, uBytes); }
extern "C" HLOCAL WINAPI LocalFree(HLOCAL hMem) { return lm::release(hMem); }
extern "C" LPVOID WINAPI LocalLock(HLOCAL hMem) { return lm::lock(hMem); }
extern "C" BOOL WINAPI LocalUnlock(HLOCAL hMem) { return lm::unlock(hMem, FALSE); }
extern "C" SIZE_T WINAPI LocalSize(HLOCAL hMem) { return lm::size(hMem); }
extern "C" HLOCAL WINAPI LocalHandle(LPCVOID pMem) { return lm::handle_of(pMem); }
extern "C" UINT WINAPI LocalFlags(HLOCAL hMem) { return lm::flags_of(hMem); }

extern "C" HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags) {
    if ((uFlags & ~lmem_valid) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return lm::reallocate(hMem, uBytes, uFlags);
}

extern "C" HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes) { return checked_allocate<gmem_valid>(uFlags, dwBytes); }
extern "C" HGLOBAL WINAPI GlobalFree(HGLOBAL hMem) { return lm::release(hMem); }
extern "C" LPVOID WINAPI GlobalLock(HGLOBAL hMem) { return lm::lock(hMem); }
extern "C" BOOL WINAPI GlobalUnlock(HGLOBAL hMem) { return lm::unlock(hMem, TRUE); }
extern "C" SIZE_T WINAPI GlobalSize(HGLOBAL hMem) { return lm::size(hMem); }
extern "C" HGLOBAL WINAPI GlobalHandle(LPCVOID pMem) { return lm::handle_of(pMem); }
extern "C" UINT WINAPI GlobalFlags(HGLOBAL hMem) { return lm::flags_of(hMem); }

extern "C" HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags) {
    if ((uFlags & ~gmem_valid) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return lm::reallocate(hMem, dwBytes, uFlags);
}
