// The memory subset: HeapAlloc/HeapFree on the process heap, fixed
// LocalAlloc, SecureZeroMemory, with Win32's returns and last-error codes
// (private heaps and moveable memory: heaps_test.cpp).
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include "support/platform_cases.hpp"

namespace {
const HANDLE forged_heap = reinterpret_cast<HANDLE>(0x4444);

bool all_zero(const void* block, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(block);
    for (std::size_t i = 0; i < size; ++i)
        if (bytes[i] != 0) return false;
    return true;
}
}  // namespace

TEST_CASE("GetProcessHeap returns the same non-NULL handle every time") {
    const HANDLE heap = GetProcessHeap();
    CHECK(heap != nullptr);
    CHECK(heap != INVALID_HANDLE_VALUE);
    CHECK(GetProcessHeap() == heap);
}

TEST_CASE("HeapAlloc with HEAP_ZERO_MEMORY returns zeroed, writable memory, HeapFree returns TRUE") {
    auto* block = static_cast<unsigned char*>(HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 4096));
    REQUIRE(block != nullptr);
    CHECK(all_zero(block, 4096));
    std::memset(block, 0xAB, 4096);
    CHECK(HeapFree(GetProcessHeap(), 0, block) == TRUE);
}

TEST_CASE("HeapAlloc of 0 bytes returns a unique pointer that HeapFree accepts (Win32)") {
    void* first = HeapAlloc(GetProcessHeap(), 0, 0);
    void* second = HeapAlloc(GetProcessHeap(), 0, 0);
    REQUIRE(first != nullptr);
    REQUIRE(second != nullptr);
    CHECK(first != second);
    CHECK(HeapFree(GetProcessHeap(), 0, first) == TRUE);
    CHECK(HeapFree(GetProcessHeap(), 0, second) == TRUE);
}

TEST_CASE("HeapAlloc on a bad heap handle: NULL + ERROR_INVALID_HANDLE" * platform_cases::posix_emulation_only) {
    for (HANDLE bad : {HANDLE{}, INVALID_HANDLE_VALUE, forged_heap}) {
        SetLastError(NO_ERROR);
        CHECK(HeapAlloc(bad, 0, 16) == nullptr);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
}

TEST_CASE("HeapAlloc that cannot be satisfied: NULL + ERROR_NOT_ENOUGH_MEMORY, also with HEAP_GENERATE_EXCEPTIONS" * platform_cases::posix_emulation_only) {
    for (DWORD flags : {DWORD{0}, DWORD{HEAP_GENERATE_EXCEPTIONS}, DWORD{HEAP_ZERO_MEMORY}}) {
        SetLastError(NO_ERROR);
        CHECK(HeapAlloc(GetProcessHeap(), flags, SIZE_MAX - 16) == nullptr);
        CHECK(GetLastError() == ERROR_NOT_ENOUGH_MEMORY);
    }
}

TEST_CASE("HeapFree of NULL is TRUE, HeapFree on a bad heap is FALSE + ERROR_INVALID_HANDLE" * platform_cases::posix_emulation_only) {
    CHECK(HeapFree(GetProcessHeap(), 0, nullptr) == TRUE);
    SetLastError(NO_ERROR);
    CHECK(HeapFree(forged_heap, 0, nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(NO_ERROR);
    CHECK(HeapFree(nullptr, 0, nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("LocalAlloc LPTR and LMEM_ZEROINIT zero the block, LMEM_FIXED is usable, LocalFree returns NULL") {
    for (UINT flags : {LPTR, LMEM_ZEROINIT}) {
        HLOCAL block = LocalAlloc(flags, 300);
        REQUIRE(block != nullptr);
        CHECK(all_zero(block, 300));
        CHECK(LocalFree(block) == nullptr);
    }
    auto* fixed = static_cast<char*>(LocalAlloc(LMEM_FIXED, 8));
    REQUIRE(fixed != nullptr);
    std::memcpy(fixed, "1234567", 8);
    CHECK(std::strcmp(fixed, "1234567") == 0);
    CHECK(LocalFree(fixed) == nullptr);
}

TEST_CASE("LocalAlloc that cannot be satisfied: NULL + ERROR_NOT_ENOUGH_MEMORY") {
    SetLastError(NO_ERROR);
    CHECK(LocalAlloc(LPTR, SIZE_MAX - 16) == nullptr);
    CHECK(GetLastError() == ERROR_NOT_ENOUGH_MEMORY);
}

TEST_CASE("LocalFree(NULL) returns NULL") { CHECK(LocalFree(nullptr) == nullptr); }

TEST_CASE("SecureZeroMemory zeroes every byte and returns its argument") {
    char secret[64];
    std::memset(secret, 'S', sizeof secret);
    CHECK(SecureZeroMemory(secret, sizeof secret) == secret);
    CHECK(all_zero(secret, sizeof secret));
    CHECK(SecureZeroMemory(secret, 0) == secret);
    CHECK(SecureZeroMemory(nullptr, 0) == nullptr);
}
