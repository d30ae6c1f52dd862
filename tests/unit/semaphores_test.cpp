// Semaphores: counts, ReleaseSemaphore's previous count and
// ERROR_TOO_MANY_POSTS, argument checks, and waking as many waiters as the
// release adds.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <thread>
#include <vector>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;

TEST_CASE("CreateSemaphore refuses a maximum below 1 and an initial count outside 0..maximum") {
    for (auto [initial, maximum] : {std::pair<LONG, LONG>{0, 0}, {0, -1}, {-1, 5}, {6, 5}}) {
        SetLastError(0);
        CHECK(CreateSemaphoreA(nullptr, initial, maximum, nullptr) == nullptr);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    }
}

TEST_CASE("each wait takes one unit of the count, and a zero count times out") {
    HANDLE semaphore = CreateSemaphoreA(nullptr, 2, 3, nullptr);
    REQUIRE(semaphore != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT);
    LONG previous = -7;
    CHECK(ReleaseSemaphore(semaphore, 1, &previous));
    CHECK(previous == 0);
    CHECK(ReleaseSemaphore(semaphore, 2, &previous));
    CHECK(previous == 1);
    CloseHandle(semaphore);
}

TEST_CASE("ReleaseSemaphore beyond the maximum fails with ERROR_TOO_MANY_POSTS and leaves the count") {
    HANDLE semaphore = CreateSemaphoreW(nullptr, 1, 2, nullptr);
    REQUIRE(semaphore != nullptr);
    SetLastError(0);
    CHECK_FALSE(ReleaseSemaphore(semaphore, 2, nullptr));
    CHECK(GetLastError() == ERROR_TOO_MANY_POSTS);
    LONG previous = -7;
    CHECK(ReleaseSemaphore(semaphore, 1, &previous));
    CHECK(previous == 1);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT);
    CloseHandle(semaphore);
}

TEST_CASE("ReleaseSemaphore refuses handles that are not semaphores with ERROR_INVALID_HANDLE") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    for (HANDLE bad : {event, HANDLE{nullptr}}) {
        SetLastError(0);
        CHECK_FALSE(ReleaseSemaphore(bad, 1, nullptr));
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
    CloseHandle(event);
}

TEST_CASE("ReleaseSemaphore refuses a count below 1 with ERROR_INVALID_PARAMETER") {
    platform_cases::skip_under_wine(
        "Wine releases a count of 0 as a no-op and reports a negative count as ERROR_TOO_MANY_POSTS; Microsoft "
        "documents that the count must be greater than zero");
    HANDLE semaphore = CreateSemaphoreA(nullptr, 0, 5, nullptr);
    for (LONG count : {0, -1}) {
        SetLastError(0);
        CHECK_FALSE(ReleaseSemaphore(semaphore, count, nullptr));
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    }
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT);
    CloseHandle(semaphore);
}

TEST_CASE("a release of n wakes n of the blocked waiters and no more") {
    HANDLE semaphore = CreateSemaphoreA(nullptr, 0, 10, nullptr);
    REQUIRE(semaphore != nullptr);
    std::vector<DWORD> results(3, 0);
    std::vector<std::thread> waiters;
    for (DWORD& result : results) waiters.emplace_back([&result, semaphore] { result = WaitForSingleObject(semaphore, patience_ms); });
    REQUIRE(wait_for_waiters(semaphore, 3));
    CHECK(ReleaseSemaphore(semaphore, 2, nullptr));
    CHECK(wait_for_waiters(semaphore, 1));
    CHECK(ReleaseSemaphore(semaphore, 1, nullptr));
    for (auto& waiter : waiters) waiter.join();
    for (DWORD result : results) CHECK(result == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT);
    CloseHandle(semaphore);
}

TEST_CASE("a wait-all over a semaphore and an event takes one unit only when both are signalled") {
    HANDLE semaphore = CreateSemaphoreA(nullptr, 1, 1, nullptr);
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    HANDLE both[] = {semaphore, event};
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_TIMEOUT);
    SetEvent(event);
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT);
    CHECK(WaitForSingleObject(event, 0) == WAIT_TIMEOUT);
    CloseHandle(event);
    CloseHandle(semaphore);
}

TEST_CASE("a wait-any over 64 mixed objects takes only the lowest available one") {
    std::vector<HANDLE> handles;
    for (int i = 0; i < 64; ++i) {
        switch (i % 3) {
        case 0: handles.push_back(CreateEventA(nullptr, FALSE, FALSE, nullptr)); break;
        case 1: handles.push_back(CreateSemaphoreA(nullptr, 0, 1, nullptr)); break;
        default: handles.push_back(CreateMutexA(nullptr, FALSE, nullptr)); break;
        }
    }
    HANDLE owned_elsewhere = handles[2];
    std::thread([owned_elsewhere] { WaitForSingleObject(owned_elsewhere, 0); }).join();  // now abandoned
    CHECK(ReleaseSemaphore(handles[1], 1, nullptr));
    CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_OBJECT_0 + 1);
    CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_ABANDONED_0 + 2);
    CHECK(ReleaseMutex(handles[2]));
    for (HANDLE h : handles) CloseHandle(h);
}
