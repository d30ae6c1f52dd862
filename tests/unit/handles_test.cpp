// Handle misuse and the thread-local last error (invalid,
// closed or wrong-kind handles fail with ERROR_INVALID_HANDLE, never crash).
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <thread>
#include "support/platform_cases.hpp"

TEST_CASE("GetLastError is per thread (Win32: thread-local last-error code)" * platform_cases::posix_emulation_only) {
    SetLastError(1234);
    DWORD seen_in_other_thread = 0xFFFFFFFF;
    std::thread([&] {
        seen_in_other_thread = GetLastError();
        SetLastError(42);
    }).join();
    CHECK(seen_in_other_thread == NO_ERROR);
    CHECK(GetLastError() == 1234);
}

// INVALID_HANDLE_VALUE is also GetCurrentProcess(), which CloseHandle accepts
// and ignores (duplicate_handle_test.cpp).
TEST_CASE("CloseHandle rejects NULL and forged handles" * platform_cases::posix_emulation_only) {
    for (HANDLE bad : {HANDLE{}, reinterpret_cast<HANDLE>(-2), reinterpret_cast<HANDLE>(0x1234),
                       reinterpret_cast<HANDLE>(~std::uintptr_t{0} - 3)}) {
        SetLastError(NO_ERROR);
        CHECK(CloseHandle(bad) == FALSE);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
}

TEST_CASE("CloseHandle refuses the process heap") {
    const HANDLE heap = GetProcessHeap();
    REQUIRE(heap != nullptr);
    SetLastError(NO_ERROR);
    CHECK(CloseHandle(heap) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(GetProcessHeap() == heap);
    void* block = HeapAlloc(heap, 0, 8);  // still usable
    CHECK(block != nullptr);
    CHECK(HeapFree(heap, 0, block) == TRUE);
}
