// Private heaps (HeapCreate, HeapDestroy, HeapReAlloc, HeapSize) and Local/
// Global memory, fixed and moveable, with Win32's returns and last-error
// codes.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <cstdint>
#include <cstring>

#include "support/platform_cases.hpp"

namespace {

bool all_equal(const void* block, std::size_t size, unsigned char value) {
    const auto* bytes = static_cast<const unsigned char*>(block);
    for (std::size_t i = 0; i < size; ++i)
        if (bytes[i] != value) return false;
    return true;
}

}  // namespace

TEST_CASE("HeapCreate gives a heap whose blocks HeapSize measures as requested") {
    const HANDLE heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != nullptr);
    CHECK(heap != GetProcessHeap());
    void* block = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
    REQUIRE(block != nullptr);
    CHECK(all_equal(block, 100, 0));
    CHECK(HeapSize(heap, 0, block) == 100);
    void* empty = HeapAlloc(heap, 0, 0);
    REQUIRE(empty != nullptr);
    CHECK(HeapSize(heap, 0, empty) == 0);
    CHECK(HeapFree(heap, 0, block) == TRUE);
    CHECK(HeapFree(heap, 0, empty) == TRUE);
    CHECK(HeapDestroy(heap) == TRUE);
}

TEST_CASE("HeapDestroy frees the blocks still allocated (no leak reported)") {
    const HANDLE heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != nullptr);
    for (int i = 0; i < 100; ++i) REQUIRE(HeapAlloc(heap, 0, 1000 + i) != nullptr);
    CHECK(HeapDestroy(heap) == TRUE);  // LeakSanitizer checks the rest
}

TEST_CASE("HeapReAlloc grows a block keeping its bytes, HEAP_ZERO_MEMORY zeroes the new ones") {
    const HANDLE heap = GetProcessHeap();
    auto* block = static_cast<unsigned char*>(HeapAlloc(heap, 0, 16));
    REQUIRE(block != nullptr);
    std::memset(block, 0xAB, 16);
    auto* grown = static_cast<unsigned char*>(HeapReAlloc(heap, HEAP_ZERO_MEMORY, block, 100000));
    REQUIRE(grown != nullptr);
    CHECK(all_equal(grown, 16, 0xAB));
    CHECK(all_equal(grown + 16, 100000 - 16, 0));
    CHECK(HeapSize(heap, 0, grown) == 100000);
    CHECK(HeapFree(heap, 0, grown) == TRUE);
}

TEST_CASE("HeapReAlloc shrinks in place, also with HEAP_REALLOC_IN_PLACE_ONLY") {
    const HANDLE heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != nullptr);
    auto* block = static_cast<unsigned char*>(HeapAlloc(heap, 0, 4096));
    REQUIRE(block != nullptr);
    std::memset(block, 0x5A, 4096);
    CHECK(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, block, 100) == block);
    CHECK(HeapSize(heap, 0, block) == 100);
    CHECK(all_equal(block, 100, 0x5A));
    CHECK(HeapDestroy(heap) == TRUE);
}

TEST_CASE("HeapReAlloc with HEAP_REALLOC_IN_PLACE_ONLY that must move fails and keeps the block") {
    const HANDLE heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != nullptr);
    auto* block = static_cast<unsigned char*>(HeapAlloc(heap, 0, 32));
    REQUIRE(block != nullptr);
    std::memset(block, 0x11, 32);
    REQUIRE(HeapAlloc(heap, 0, 32) != nullptr);  // a neighbour, so the block cannot grow into free space
    CHECK(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, block, 1 << 20) == nullptr);
    CHECK(HeapSize(heap, 0, block) == 32);
    CHECK(all_equal(block, 32, 0x11));
    CHECK(HeapDestroy(heap) == TRUE);
}

TEST_CASE("A heap with a maximum size refuses a block larger than it") {
    const HANDLE heap = HeapCreate(0, 0, 64 * 1024);
    REQUIRE(heap != nullptr);
    CHECK(HeapAlloc(heap, 0, 1024) != nullptr);
    CHECK(HeapAlloc(heap, 0, 128 * 1024) == nullptr);
    CHECK(HeapDestroy(heap) == TRUE);
}

TEST_CASE("CloseHandle does not close a heap") {
    const HANDLE heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != nullptr);
    CHECK(CloseHandle(heap) == FALSE);
    CHECK(HeapAlloc(heap, 0, 8) != nullptr);
    CHECK(HeapDestroy(heap) == TRUE);
}

TEST_CASE("Heap calls on a destroyed or forged heap fail with ERROR_INVALID_HANDLE" *
          platform_cases::posix_emulation_only) {  // Windows faults or corrupts memory
    const HANDLE heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != nullptr);
    REQUIRE(HeapDestroy(heap) == TRUE);
    CHECK(HeapAlloc(heap, 0, 8) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(HeapDestroy(heap) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(HeapDestroy(reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(0x4444))) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(HeapDestroy(GetProcessHeap()) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("A block freed, resized or measured through the wrong heap: ERROR_INVALID_PARAMETER" *
          platform_cases::posix_emulation_only) {  // Windows corrupts its heaps instead
    const HANDLE one = HeapCreate(0, 0, 0);
    const HANDLE other = HeapCreate(0, 0, 0);
    REQUIRE(one != nullptr);
    REQUIRE(other != nullptr);
    void* block = HeapAlloc(one, 0, 8);
    REQUIRE(block != nullptr);
    CHECK(HeapFree(other, 0, block) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(HeapReAlloc(other, 0, block, 16) == nullptr);
    CHECK(HeapSize(other, 0, block) == static_cast<SIZE_T>(-1));
    CHECK(HeapCreate(HEAP_CREATE_ENABLE_EXECUTE, 0, 0) == nullptr);  // malloc'd memory is not executable
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(HeapDestroy(one) == TRUE);
    CHECK(HeapDestroy(other) == TRUE);
}

TEST_CASE("GlobalAlloc GMEM_FIXED: the handle is the block, GlobalLock returns it, GlobalSize measures it") {
    HGLOBAL fixed = GlobalAlloc(GPTR, 40);
    REQUIRE(fixed != nullptr);
    CHECK(all_equal(fixed, 40, 0));
    CHECK(GlobalLock(fixed) == fixed);
    CHECK(GlobalSize(fixed) == 40);
    CHECK(GlobalHandle(fixed) == fixed);
    CHECK(GlobalUnlock(fixed) == TRUE);
    CHECK(GlobalFree(fixed) == nullptr);
}

TEST_CASE("GlobalAlloc GMEM_MOVEABLE: a handle, GlobalLock gives the block and counts locks") {
    HGLOBAL handle = GlobalAlloc(GHND, 64);
    REQUIRE(handle != nullptr);
    auto* block = static_cast<unsigned char*>(GlobalLock(handle));
    REQUIRE(block != nullptr);
    CHECK(static_cast<void*>(block) != handle);
    CHECK(all_equal(block, 64, 0));
    CHECK(GlobalLock(handle) == block);
    CHECK((GlobalFlags(handle) & GMEM_LOCKCOUNT) == 2);
    CHECK(GlobalHandle(block) == handle);
    CHECK(GlobalSize(handle) == 64);
    CHECK(GlobalUnlock(handle) == TRUE);  // still locked once
    SetLastError(0xDEAD);
    CHECK(GlobalUnlock(handle) == FALSE);  // now unlocked
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(GlobalUnlock(handle) == FALSE);
    CHECK(GetLastError() == ERROR_NOT_LOCKED);
    CHECK(GlobalFree(handle) == nullptr);
}

TEST_CASE("LocalAlloc LMEM_MOVEABLE: LocalLock, LocalUnlock, LocalSize, LocalReAlloc keep the handle") {
    HLOCAL handle = LocalAlloc(LMEM_MOVEABLE, 10);
    REQUIRE(handle != nullptr);
    auto* block = static_cast<char*>(LocalLock(handle));
    REQUIRE(block != nullptr);
    std::memcpy(block, "0123456789", 10);
    CHECK(LocalUnlock(handle) == FALSE);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(LocalReAlloc(handle, 100000, LMEM_MOVEABLE) == handle);
    CHECK(LocalSize(handle) == 100000);
    block = static_cast<char*>(LocalLock(handle));
    REQUIRE(block != nullptr);
    CHECK(std::memcmp(block, "0123456789", 10) == 0);
    LocalUnlock(handle);
    CHECK(LocalFree(handle) == nullptr);
}

TEST_CASE("LocalUnlock of fixed memory: FALSE + ERROR_NOT_LOCKED") {
    HLOCAL fixed = LocalAlloc(LMEM_FIXED, 8);
    REQUIRE(fixed != nullptr);
    CHECK(LocalLock(fixed) == fixed);
    CHECK(LocalUnlock(fixed) == FALSE);
    CHECK(GetLastError() == ERROR_NOT_LOCKED);
    CHECK(LocalFree(fixed) == nullptr);
}

TEST_CASE("LocalReAlloc of a fixed block shrinks in place, and grows when LMEM_MOVEABLE lets it move, zeroing with LMEM_ZEROINIT") {
    auto* block = static_cast<unsigned char*>(LocalAlloc(LMEM_FIXED, 64));
    REQUIRE(block != nullptr);
    std::memset(block, 0x77, 64);
    CHECK(LocalReAlloc(block, 32, 0) == block);
    CHECK(LocalSize(block) == 32);
    auto* grown = static_cast<unsigned char*>(LocalReAlloc(block, 200000, LMEM_MOVEABLE | LMEM_ZEROINIT));
    REQUIRE(grown != nullptr);
    CHECK(all_equal(grown, 32, 0x77));
    CHECK(all_equal(grown + 32, 200000 - 32, 0));
    CHECK(LocalSize(grown) == 200000);
    CHECK(LocalFree(grown) == nullptr);
}

TEST_CASE("LocalReAlloc of a fixed block that must move without LMEM_MOVEABLE fails, the block intact") {
    auto* block = static_cast<unsigned char*>(LocalAlloc(LMEM_FIXED, 16));
    REQUIRE(block != nullptr);
    std::memset(block, 0x33, 16);
    void* neighbour = LocalAlloc(LMEM_FIXED, 16);
    CHECK(LocalReAlloc(block, 1 << 20, 0) == nullptr);
    CHECK(GetLastError() == ERROR_NOT_ENOUGH_MEMORY);
    CHECK(all_equal(block, 16, 0x33));
    LocalFree(neighbour);
    LocalFree(block);
}

TEST_CASE("Fixed Local memory and process-heap blocks are the same memory, as in Win32") {
    void* block = HeapAlloc(GetProcessHeap(), 0, 24);
    REQUIRE(block != nullptr);
    CHECK(LocalSize(block) == 24);
    CHECK(LocalFree(block) == nullptr);
}

TEST_CASE("Bad moveable handles fail with ERROR_INVALID_HANDLE" * platform_cases::posix_emulation_only) {
    // Windows may fault on a forged handle.
    HLOCAL handle = LocalAlloc(LHND, 8);
    REQUIRE(handle != nullptr);
    REQUIRE(LocalFree(handle) == nullptr);
    CHECK(LocalLock(handle) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(LocalFree(handle) == handle);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(LocalSize(handle) == 0);
    CHECK(LocalFlags(handle) == LMEM_INVALID_HANDLE);
    CHECK(GlobalLock(nullptr) == nullptr);
    CHECK(LocalAlloc(0x10000, 8) == nullptr);  // an unknown flag
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("A moveable block of 0 bytes is discarded: GlobalLock gives NULL, GlobalReAlloc brings it back") {
    HGLOBAL handle = GlobalAlloc(GMEM_MOVEABLE, 0);
    REQUIRE(handle != nullptr);
    CHECK(GlobalLock(handle) == nullptr);
    CHECK((GlobalFlags(handle) & GMEM_DISCARDED) != 0);
    CHECK(GlobalReAlloc(handle, 16, GMEM_MOVEABLE) == handle);
    void* block = GlobalLock(handle);
    CHECK(block != nullptr);
    GlobalUnlock(handle);
    CHECK(GlobalFree(handle) == nullptr);
}
