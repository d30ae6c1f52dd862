// LocalAlloc's and GlobalAlloc's memory, fixed or moveable: in Win32 both
// families are the same allocator over the process heap, and so are they
// here (local_calls.cpp, global_calls.cpp). docs/decisions.md#moveable-memory
//
// A fixed HLOCAL is the block's address (16-byte aligned, blocks.hpp). A
// moveable HLOCAL is the address of the slot that holds its block's address
// (8 bytes past a 16-byte boundary, so never a block address), as on
// Windows, where *(void**)handle is the block; moveable handles are kept in
// a registry, so a forged or freed one fails with ERROR_INVALID_HANDLE.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix::local_memory {

// Flags both families accept; the caller's own extra ones are rejected first.
HLOCAL allocate(UINT flags, SIZE_T bytes) noexcept;
// NULL on success, else the handle (ERROR_INVALID_HANDLE).
HLOCAL release(HLOCAL handle) noexcept;
// The block (a fixed one's own address); NULL with ERROR_INVALID_HANDLE or
// ERROR_DISCARDED. A moveable block's lock count rises, up to 255.
LPVOID lock(HLOCAL handle) noexcept;
// Moveable blocks: TRUE while still locked after this call; FALSE with
// ERROR_SUCCESS when the count reaches 0, ERROR_NOT_LOCKED when it already
// was 0. Fixed blocks: `fixed_result` with ERROR_NOT_LOCKED for FALSE
// (LocalUnlock says FALSE, GlobalUnlock TRUE, as on Windows).
BOOL unlock(HLOCAL handle, BOOL fixed_result) noexcept;
// Bytes as requested; 0 for a discarded block, or with ERROR_INVALID_HANDLE.
SIZE_T size(HLOCAL handle) noexcept;
// LocalReAlloc: the (same or new) handle, or NULL with the last error set.
HLOCAL reallocate(HLOCAL handle, SIZE_T bytes, UINT flags) noexcept;
// The handle of a block address (itself for fixed memory); NULL with
// ERROR_INVALID_HANDLE when it is no block of these calls.
HLOCAL handle_of(LPCVOID block) noexcept;
// The lock count and LMEM_DISCARDED; LMEM_INVALID_HANDLE for a bad handle.
UINT flags_of(HLOCAL handle) noexcept;

}  // namespace rasshost::posix::local_memory
