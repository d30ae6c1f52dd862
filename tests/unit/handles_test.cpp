// Handle misuse and the thread-local last error (invalid,
// closed or wrong-kind handles fail with ERROR_INVALID_HANDLE, never crash),
// and handle values as 64-bit Windows gives them (below 2^31, the two low
// bits ignored).
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <cstdint>
#include <thread>
#include <vector>
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

namespace {

std::uintptr_t value_of(HANDLE handle) { return reinterpret_cast<std::uintptr_t>(handle); }

// What legacy code does with a HANDLE kept in a DWORD: both casts back.
HANDLE zero_extended(DWORD stored) { return reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(stored)); }
HANDLE sign_extended(DWORD stored) {
    return reinterpret_cast<HANDLE>(static_cast<std::intptr_t>(static_cast<LONG>(stored)));
}

bool is_rejected(HANDLE handle) {
    SetLastError(NO_ERROR);
    return SetEvent(handle) == FALSE && GetLastError() == ERROR_INVALID_HANDLE;
}

}  // namespace

TEST_CASE("a handle survives a round trip through a DWORD, zero- or sign-extended") {
    std::vector<HANDLE> events;
    for (int i = 0; i < 100; ++i) {
        events.push_back(CreateEventA(nullptr, TRUE, FALSE, nullptr));
        REQUIRE(events.back() != nullptr);
    }
    for (HANDLE event : events) {
        CHECK(value_of(event) < (std::uintptr_t{1} << 31));
        const auto stored = static_cast<DWORD>(value_of(event));
        CHECK(zero_extended(stored) == event);
        CHECK(sign_extended(stored) == event);
    }
    const auto stored = static_cast<DWORD>(value_of(events[42]));
    CHECK(SetEvent(zero_extended(stored)) == TRUE);
    CHECK(WaitForSingleObject(sign_extended(stored), 0) == WAIT_OBJECT_0);
    for (HANDLE event : events) CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("a handle's two low bits are ignored: h | 1, h | 2 and h | 3 name the object h names") {
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    CHECK(value_of(event) % 4 == 0);
    for (std::uintptr_t low : {1u, 2u, 3u}) {
        CAPTURE(low);
        HANDLE alias = reinterpret_cast<HANDLE>(value_of(event) | low);
        CHECK(SetEvent(alias) == TRUE);
        CHECK(WaitForSingleObject(event, 0) == WAIT_OBJECT_0);
        CHECK(SetEvent(event) == TRUE);
        CHECK(WaitForSingleObject(alias, 0) == WAIT_OBJECT_0);
        HANDLE mixed[2] = {alias, CreateEventA(nullptr, TRUE, FALSE, nullptr)};
        REQUIRE(mixed[1] != nullptr);
        CHECK(SetEvent(event) == TRUE);
        CHECK(WaitForMultipleObjects(2, mixed, FALSE, 0) == WAIT_OBJECT_0);
        CHECK(CloseHandle(mixed[1]) == TRUE);
    }
    CHECK(CloseHandle(reinterpret_cast<HANDLE>(value_of(event) | 3)) == TRUE);
}

TEST_CASE("a wait-all naming h and h | 2 names one object twice and fails with ERROR_INVALID_PARAMETER") {
    platform_cases::skip_under_wine("Wine lets a wait-all name one object twice; Windows refuses it");
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE twice[2] = {event, reinterpret_cast<HANDLE>(value_of(event) | 2)};
    SetLastError(NO_ERROR);
    CHECK(WaitForMultipleObjects(2, twice, TRUE, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("NULL, INVALID_HANDLE_VALUE and forged values name no event") {
    CHECK(is_rejected(nullptr));
    CHECK(is_rejected(INVALID_HANDLE_VALUE));  // on Windows the current process, not an event
    CHECK(is_rejected(reinterpret_cast<HANDLE>(std::uintptr_t{0x7FFFFFF0})));
    CHECK(is_rejected(zero_extended(static_cast<DWORD>(value_of(INVALID_HANDLE_VALUE)))));
    SetLastError(NO_ERROR);
    CHECK(WaitForSingleObject(nullptr, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}
