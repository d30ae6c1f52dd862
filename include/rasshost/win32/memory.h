/*
 * rasshost/win32/memory.h - private heaps, and moveable Local/Global memory.
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX a heap is a handle-table entry (HeapDestroy frees its blocks), and
 * LocalAlloc and GlobalAlloc are one allocator over the process heap, fixed
 * or moveable with lock counts, as in Win32
 * (docs/decisions.md#private-heaps, docs/decisions.md#moveable-memory).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_MEMORY_H
#define RASSHOST_WIN32_MEMORY_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

typedef HANDLE HGLOBAL;

#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010u
#define HEAP_CREATE_ENABLE_EXECUTE 0x00040000u

#define LMEM_NOCOMPACT 0x0010u
#define LMEM_NODISCARD 0x0020u
#define LMEM_MODIFY 0x0080u
#define LMEM_DISCARDABLE 0x0F00u
#define LMEM_VALID_FLAGS 0x0F72u
#define LMEM_INVALID_HANDLE 0x8000u
#define LMEM_DISCARDED 0x4000u
#define LMEM_LOCKCOUNT 0x00FFu
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define NONZEROLHND (LMEM_MOVEABLE)
#define NONZEROLPTR (LMEM_FIXED)

#define GMEM_FIXED 0x0000u
#define GMEM_MOVEABLE 0x0002u
#define GMEM_NOCOMPACT 0x0010u
#define GMEM_NODISCARD 0x0020u
#define GMEM_ZEROINIT 0x0040u
#define GMEM_MODIFY 0x0080u
#define GMEM_DISCARDABLE 0x0100u
#define GMEM_NOT_BANKED 0x1000u
#define GMEM_SHARE 0x2000u
#define GMEM_DDESHARE 0x2000u
#define GMEM_NOTIFY 0x4000u
#define GMEM_LOWER GMEM_NOT_BANKED
#define GMEM_VALID_FLAGS 0x7F72u
#define GMEM_INVALID_HANDLE 0x8000u
#define GMEM_DISCARDED 0x4000u
#define GMEM_LOCKCOUNT 0x00FFu
#define GHND (GMEM_MOVEABLE | GMEM_ZEROINIT)
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)

/** A private heap. HEAP_NO_SERIALIZE and HEAP_GENERATE_EXCEPTIONS are
 *  accepted (it is always serialized; failures return NULL), other options
 *  fail with ERROR_INVALID_PARAMETER. dwMaximumSize 0: growable; otherwise
 *  the bytes its blocks may hold at once. */
RASSHOST_API HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize);
/** Destroys a private heap and frees every block still allocated from it.
 *  FALSE with ERROR_INVALID_PARAMETER for the process heap,
 *  ERROR_INVALID_HANDLE for anything that is not a heap. */
RASSHOST_API BOOL WINAPI HeapDestroy(HANDLE hHeap);
/** Resizes a block. Shrinking keeps it in place; growing moves it unless
 *  HEAP_REALLOC_IN_PLACE_ONLY, which then fails (NULL, the block intact).
 *  HEAP_ZERO_MEMORY zeroes the added bytes. */
RASSHOST_API LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
/** The size a block was requested with; (SIZE_T)-1 on failure. */
RASSHOST_API SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);

/** LMEM_MOVEABLE gives a handle to lock with LocalLock. */
RASSHOST_API HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags);
/** The size a block was requested with; 0 when discarded or on failure. */
RASSHOST_API SIZE_T WINAPI LocalSize(HLOCAL hMem);
/** The block of a moveable handle (lock count + 1), or a fixed block itself. */
RASSHOST_API LPVOID WINAPI LocalLock(HLOCAL hMem);
/** TRUE while still locked; FALSE with ERROR_SUCCESS once unlocked,
 *  ERROR_NOT_LOCKED if it was not locked (always, for fixed memory). */
RASSHOST_API BOOL WINAPI LocalUnlock(HLOCAL hMem);
RASSHOST_API HLOCAL WINAPI LocalHandle(LPCVOID pMem);
RASSHOST_API UINT WINAPI LocalFlags(HLOCAL hMem);

/** GMEM_FIXED (the handle is the block) or GMEM_MOVEABLE (lock it with
 *  GlobalLock); GMEM_ZEROINIT zeroes it. */
RASSHOST_API HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
/** NULL on success, else the handle. A locked block is freed too. */
RASSHOST_API HGLOBAL WINAPI GlobalFree(HGLOBAL hMem);
RASSHOST_API LPVOID WINAPI GlobalLock(HGLOBAL hMem);
/** As LocalUnlock, except that fixed memory gives TRUE (as on Windows). */
RASSHOST_API BOOL WINAPI GlobalUnlock(HGLOBAL hMem);
RASSHOST_API HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags);
RASSHOST_API SIZE_T WINAPI GlobalSize(HGLOBAL hMem);
RASSHOST_API HGLOBAL WINAPI GlobalHandle(LPCVOID pMem);
RASSHOST_API UINT WINAPI GlobalFlags(HGLOBAL hMem);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_MEMORY_H */
