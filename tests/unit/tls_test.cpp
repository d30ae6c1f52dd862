// TLS indices: per-thread values, GetLastError after TlsGetValue, indices
// out of range, TlsFree clearing the value in every thread, and exhaustion
// at Windows' 1088 indices.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <cstdint>
#include <vector>

namespace {

constexpr DWORD windows_index_limit = 1088;  // TLS_MINIMUM_AVAILABLE + 1024 expansion slots

LPVOID as_value(std::uintptr_t n) { return reinterpret_cast<LPVOID>(n); }

struct Parked {
    DWORD index;
    HANDLE stored;   // set by the thread once its value is in place
    HANDLE go_on;    // set by the test when the thread may read again
    LPVOID read_back = as_value(1);
    DWORD error_after_read = 1;
};

DWORD WINAPI store_wait_read(LPVOID raw) {
    auto* parked = static_cast<Parked*>(raw);
    if (!TlsSetValue(parked->index, as_value(0x5150))) return 1;
    SetEvent(parked->stored);
    WaitForSingleObject(parked->go_on, INFINITE);
    SetLastError(12345);
    parked->read_back = TlsGetValue(parked->index);
    parked->error_after_read = GetLastError();
    return 0;
}

DWORD WINAPI read_fresh(LPVOID raw) {
    const DWORD index = *static_cast<DWORD*>(raw);
    return TlsGetValue(index) == nullptr ? 0 : 1;
}

}  // namespace

TEST_CASE("TlsAlloc gives an index whose value is NULL, and TlsGetValue sets the last error to ERROR_SUCCESS") {
    const DWORD index = TlsAlloc();
    REQUIRE(index != TLS_OUT_OF_INDEXES);
    CHECK(index < windows_index_limit);
    SetLastError(ERROR_INVALID_HANDLE);
    CHECK(TlsGetValue(index) == nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(TlsSetValue(index, as_value(0x1234)));
    SetLastError(ERROR_INVALID_HANDLE);
    CHECK(TlsGetValue(index) == as_value(0x1234));
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(TlsFree(index));
}

TEST_CASE("each thread has its own value at an index") {
    const DWORD index = TlsAlloc();
    REQUIRE(index != TLS_OUT_OF_INDEXES);
    CHECK(TlsSetValue(index, as_value(77)));
    DWORD shared_index = index;
    HANDLE thread = CreateThread(nullptr, 0, read_fresh, &shared_index, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
    DWORD code = 99;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 0);
    CloseHandle(thread);
    CHECK(TlsGetValue(index) == as_value(77));
    CHECK(TlsFree(index));
}

TEST_CASE("an index out of range fails with ERROR_INVALID_PARAMETER") {
    const DWORD out_of_range[] = {windows_index_limit, windows_index_limit + 1, 100000, TLS_OUT_OF_INDEXES};
    for (const DWORD index : out_of_range) {
        CAPTURE(index);
        SetLastError(NO_ERROR);
        CHECK(TlsGetValue(index) == nullptr);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
        SetLastError(NO_ERROR);
        CHECK(TlsSetValue(index, as_value(1)) == FALSE);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
        SetLastError(NO_ERROR);
        CHECK(TlsFree(index) == FALSE);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    }
}

TEST_CASE("TlsFree of an index that is not allocated fails with ERROR_INVALID_PARAMETER") {
    const DWORD index = TlsAlloc();
    REQUIRE(index != TLS_OUT_OF_INDEXES);
    CHECK(TlsFree(index));
    SetLastError(NO_ERROR);
    CHECK(TlsFree(index) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("TlsFree clears the index's value in every thread: the index allocated again reads NULL everywhere") {
    const DWORD index = TlsAlloc();
    REQUIRE(index != TLS_OUT_OF_INDEXES);
    Parked parked{index, CreateEventA(nullptr, FALSE, FALSE, nullptr), CreateEventA(nullptr, FALSE, FALSE, nullptr)};
    HANDLE thread = CreateThread(nullptr, 0, store_wait_read, &parked, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(parked.stored, 10000) == WAIT_OBJECT_0);
    CHECK(TlsSetValue(index, as_value(0xBEEF)));
    CHECK(TlsFree(index));
    const DWORD again = TlsAlloc();  // the lowest free index: the same one
    CHECK(again == index);
    CHECK(TlsGetValue(again) == nullptr);
    SetEvent(parked.go_on);
    REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
    CHECK(parked.read_back == nullptr);
    CHECK(parked.error_after_read == ERROR_SUCCESS);
    CloseHandle(thread);
    CloseHandle(parked.stored);
    CloseHandle(parked.go_on);
    CHECK(TlsFree(again));
}

TEST_CASE("TlsAlloc fails with ERROR_NO_MORE_ITEMS once Windows' 1088 indices are taken, expansion slots included") {
    std::vector<DWORD> taken;
    for (;;) {
        SetLastError(NO_ERROR);
        const DWORD index = TlsAlloc();
        if (index == TLS_OUT_OF_INDEXES) {
            CHECK(GetLastError() == ERROR_NO_MORE_ITEMS);
            break;
        }
        taken.push_back(index);
        REQUIRE(taken.size() <= windows_index_limit);
    }
    CHECK(taken.size() > TLS_MINIMUM_AVAILABLE);  // the expansion slots are there
    DWORD highest = 0;
    for (DWORD index : taken) highest = index > highest ? index : highest;
    CHECK(highest == windows_index_limit - 1);
    // An expansion slot holds a value like the first 64 do.
    CHECK(TlsSetValue(highest, as_value(0xE0)));
    CHECK(TlsGetValue(highest) == as_value(0xE0));
    for (DWORD index : taken) CHECK(TlsFree(index));
}
