// Mutexes: recursive ownership, ReleaseMutex and ERROR_NOT_OWNER, hand-off
// to a blocked waiter, and abandonment (WAIT_ABANDONED) when the owner
// thread ends, alone and inside wait-any and wait-all.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <atomic>
#include <thread>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;

namespace {

// Runs `body` on another thread and waits for it to end.
template <class Body>
void on_other_thread(Body body) {
    std::thread thread(body);
    thread.join();
}

DWORD WINAPI take_and_return(LPVOID mutex) {
    return WaitForSingleObject(static_cast<HANDLE>(mutex), patience_ms);
}

DWORD WINAPI take_and_exit_thread(LPVOID mutex) {
    WaitForSingleObject(static_cast<HANDLE>(mutex), patience_ms);
    ExitThread(5);
}

}  // namespace

TEST_CASE("a free mutex is taken recursively by one thread and released as often as taken") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    REQUIRE(mutex != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0);
    CHECK(ReleaseMutex(mutex));
    CHECK(ReleaseMutex(mutex));
    SetLastError(0);
    CHECK_FALSE(ReleaseMutex(mutex));
    CHECK(GetLastError() == ERROR_NOT_OWNER);
    CloseHandle(mutex);
}

TEST_CASE("an owned mutex is not available to another thread, which cannot release it either") {
    HANDLE mutex = CreateMutexA(nullptr, TRUE, nullptr);
    REQUIRE(mutex != nullptr);
    DWORD wait = 0, released = TRUE, error = 0;
    on_other_thread([&] {
        wait = WaitForSingleObject(mutex, 0);
        released = ReleaseMutex(mutex);
        error = GetLastError();
    });
    CHECK(wait == WAIT_TIMEOUT);
    CHECK_FALSE(released);
    CHECK(error == ERROR_NOT_OWNER);
    CHECK(ReleaseMutex(mutex));
    on_other_thread([&] {
        wait = WaitForSingleObject(mutex, 0);
        released = ReleaseMutex(mutex);
    });
    CHECK(wait == WAIT_OBJECT_0);
    CHECK(released);
    CloseHandle(mutex);
}

TEST_CASE("a thread blocked on a mutex gets it when the owner releases its last level") {
    HANDLE mutex = CreateMutexW(nullptr, TRUE, nullptr);
    REQUIRE(mutex != nullptr);
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0);  // recursion 2
    DWORD wait = 0, released = FALSE;
    std::thread waiter([&] {
        wait = WaitForSingleObject(mutex, patience_ms);
        released = ReleaseMutex(mutex);
    });
    REQUIRE(wait_for_waiters(mutex, 1));
    CHECK(ReleaseMutex(mutex));  // still owned once
    CHECK(wait_for_waiters(mutex, 1));
    CHECK(ReleaseMutex(mutex));
    waiter.join();
    CHECK(wait == WAIT_OBJECT_0);
    CHECK(released);
    CloseHandle(mutex);
}

TEST_CASE("a mutex whose owner thread ends is abandoned: the next wait returns WAIT_ABANDONED once, then owns it") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    REQUIRE(mutex != nullptr);
    HANDLE thread = CreateThread(nullptr, 0, take_and_return, mutex, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_ABANDONED);
    CHECK(ReleaseMutex(mutex));  // the abandoned wait made us the owner
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0);
    CHECK(ReleaseMutex(mutex));
    CloseHandle(thread);
    CloseHandle(mutex);
}

TEST_CASE("ExitThread abandons the mutexes the thread owns before its handle is signalled") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, take_and_exit_thread, mutex, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(mutex, 0) == WAIT_ABANDONED);
    CHECK(ReleaseMutex(mutex));
    CloseHandle(thread);
    CloseHandle(mutex);
}

TEST_CASE("a thread not made by CreateThread abandons its mutexes too when it ends") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    on_other_thread([&] { CHECK(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0); });
    CHECK(WaitForSingleObject(mutex, patience_ms) == WAIT_ABANDONED);
    CHECK(ReleaseMutex(mutex));
    CloseHandle(mutex);
}

TEST_CASE("a thread blocked on a mutex is released with WAIT_ABANDONED when the owner ends") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    HANDLE taken = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE may_end = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    std::thread owner([&] {
        WaitForSingleObject(mutex, 0);
        SetEvent(taken);
        WaitForSingleObject(may_end, patience_ms);
    });
    REQUIRE(WaitForSingleObject(taken, patience_ms) == WAIT_OBJECT_0);
    DWORD wait = 0;
    std::thread waiter([&] {
        wait = WaitForSingleObject(mutex, patience_ms);
        ReleaseMutex(mutex);
    });
    REQUIRE(wait_for_waiters(mutex, 1));
    SetEvent(may_end);
    owner.join();
    waiter.join();
    CHECK(wait == WAIT_ABANDONED);
    for (HANDLE h : {mutex, taken, may_end}) CloseHandle(h);
}

TEST_CASE("an abandoned mutex in a wait-any reports WAIT_ABANDONED_0 + its index") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    on_other_thread([&] { WaitForSingleObject(mutex, 0); });
    HANDLE both[] = {event, mutex};
    CHECK(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_ABANDONED_0 + 1);
    CHECK(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_OBJECT_0 + 1);  // owned now, recursively
    CHECK(ReleaseMutex(mutex));
    CHECK(ReleaseMutex(mutex));
    CloseHandle(event);
    CloseHandle(mutex);
}

TEST_CASE("an abandoned mutex in a satisfied wait-all reports WAIT_ABANDONED_0") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    on_other_thread([&] { WaitForSingleObject(mutex, 0); });
    HANDLE both[] = {event, mutex};
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_ABANDONED_0);
    CHECK(ReleaseMutex(mutex));
    CloseHandle(event);
    CloseHandle(mutex);
}

TEST_CASE("a wait-all with a mutex owned elsewhere times out and takes nothing") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    HANDLE event = CreateEventA(nullptr, FALSE, TRUE, nullptr);  // auto-reset, set
    HANDLE release = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE taken = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    std::thread owner([&] {
        WaitForSingleObject(mutex, 0);
        SetEvent(taken);
        WaitForSingleObject(release, patience_ms);
        ReleaseMutex(mutex);
    });
    REQUIRE(WaitForSingleObject(taken, patience_ms) == WAIT_OBJECT_0);
    HANDLE both[] = {event, mutex};
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_TIMEOUT);
    CHECK(WaitForSingleObject(event, 0) == WAIT_OBJECT_0);  // still set: the wait-all took nothing
    SetEvent(event);
    DWORD wait = 0;
    std::thread waiter([&] {
        wait = WaitForMultipleObjects(2, both, TRUE, patience_ms);
        ReleaseMutex(mutex);
    });
    REQUIRE(wait_for_waiters(mutex, 1));
    SetEvent(release);
    owner.join();
    waiter.join();
    CHECK(wait == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(event, 0) == WAIT_TIMEOUT);  // the wait-all consumed it
    for (HANDLE h : {mutex, event, release, taken}) CloseHandle(h);
}

TEST_CASE("ReleaseMutex and the event calls refuse handles of the other kind with ERROR_INVALID_HANDLE") {
    HANDLE mutex = CreateMutexA(nullptr, FALSE, nullptr);
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    SetLastError(0);
    CHECK_FALSE(ReleaseMutex(event));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK_FALSE(SetEvent(mutex));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK_FALSE(ReleaseMutex(nullptr));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CloseHandle(event);
    CloseHandle(mutex);
}

TEST_CASE("closing the last handle of an owned mutex frees it without harm") {
    HANDLE mutex = CreateMutexA(nullptr, TRUE, nullptr);
    REQUIRE(mutex != nullptr);
    CHECK(CloseHandle(mutex));
    HANDLE another = CreateMutexA(nullptr, TRUE, nullptr);  // may reuse the slot
    CHECK(another != nullptr);
    CHECK(ReleaseMutex(another));
    CloseHandle(another);
}
