// User APCs and alertable waits: QueueUserAPC, SleepEx,
// WaitForSingleObjectEx / WaitForMultipleObjectsEx with WAIT_IO_COMPLETION,
// and SignalObjectAndWait.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <thread>
#include <vector>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;

namespace {

struct ApcLog {
    std::vector<ULONG_PTR> data;
    std::vector<DWORD> threads;
};
ApcLog* apc_log = nullptr;  // one case at a time

VOID WINAPI record_apc(ULONG_PTR data) {
    apc_log->data.push_back(data);
    apc_log->threads.push_back(GetCurrentThreadId());
}

}  // namespace

TEST_CASE("an APC queued to the calling thread runs at its next alertable wait, which returns WAIT_IO_COMPLETION") {
    ApcLog log;
    apc_log = &log;
    CHECK(QueueUserAPC(record_apc, GetCurrentThread(), 41) != 0);
    CHECK(QueueUserAPC(record_apc, GetCurrentThread(), 42) != 0);
    CHECK(log.data.empty());
    CHECK(SleepEx(0, TRUE) == WAIT_IO_COMPLETION);
    CHECK(log.data == std::vector<ULONG_PTR>{41, 42});  // all of them, in order
    CHECK(SleepEx(0, TRUE) == 0);
    CHECK(log.data.size() == 2);
}

TEST_CASE("waits that are not alertable leave queued APCs queued") {
    ApcLog log;
    apc_log = &log;
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    CHECK(QueueUserAPC(record_apc, GetCurrentThread(), 7) != 0);
    CHECK(WaitForSingleObject(event, 0) == WAIT_TIMEOUT);
    CHECK(WaitForSingleObjectEx(event, 0, FALSE) == WAIT_TIMEOUT);
    CHECK(SleepEx(0, FALSE) == 0);
    CHECK(log.data.empty());
    CHECK(WaitForSingleObjectEx(event, 0, TRUE) == WAIT_IO_COMPLETION);
    CHECK(log.data == std::vector<ULONG_PTR>{7});
    CloseHandle(event);
}

TEST_CASE("an APC ends another thread's alertable wait and runs on that thread") {
    ApcLog log;
    apc_log = &log;
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread_handle = nullptr;
    DWORD waiter_id = 0;
    DWORD result = 0;
    HANDLE ready = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    std::thread waiter([&] {
        waiter_id = GetCurrentThreadId();
        thread_handle = OpenThread(THREAD_SET_CONTEXT, FALSE, waiter_id);
        SetEvent(ready);
        result = WaitForSingleObjectEx(event, patience_ms, TRUE);
    });
    REQUIRE(WaitForSingleObject(ready, patience_ms) == WAIT_OBJECT_0);
    REQUIRE(thread_handle != nullptr);
    REQUIRE(wait_for_waiters(event, 1));
    CHECK(QueueUserAPC(record_apc, thread_handle, 9) != 0);
    waiter.join();
    CHECK(result == WAIT_IO_COMPLETION);
    CHECK(log.data == std::vector<ULONG_PTR>{9});
    CHECK(log.threads == std::vector<DWORD>{waiter_id});
    CloseHandle(thread_handle);
    CloseHandle(ready);
    CloseHandle(event);
}

DWORD WINAPI sleep_alertably_once_started(LPVOID started) {
    SetEvent(static_cast<HANDLE>(started));
    return SleepEx(patience_ms, TRUE);
}

TEST_CASE("an alertable SleepEx on a CreateThread thread ends when an APC is queued to its handle") {
    ApcLog log;
    apc_log = &log;
    HANDLE started = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, sleep_alertably_once_started, started, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(started, patience_ms) == WAIT_OBJECT_0);
    CHECK(QueueUserAPC(record_apc, thread, 3) != 0);  // before or during its sleep: either ends it
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == WAIT_IO_COMPLETION);
    CHECK(log.data == std::vector<ULONG_PTR>{3});
    CloseHandle(thread);
    CloseHandle(started);
}

DWORD WINAPI count_apcs_seen(LPVOID) { return static_cast<DWORD>(apc_log->data.size()); }

TEST_CASE("an APC queued to a thread that has not started runs as it starts, before its start routine") {
    ApcLog log;
    apc_log = &log;
    HANDLE thread = CreateThread(nullptr, 0, count_apcs_seen, nullptr, CREATE_SUSPENDED, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(QueueUserAPC(record_apc, thread, 8) != 0);
    CHECK(ResumeThread(thread) == 1);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    DWORD seen = 0;
    CHECK(GetExitCodeThread(thread, &seen));
    CHECK(seen == 1);
    CHECK(log.data == std::vector<ULONG_PTR>{8});
    CloseHandle(thread);
}

TEST_CASE("an alertable WaitForMultipleObjectsEx returns WAIT_IO_COMPLETION when an APC is queued, else the object") {
    ApcLog log;
    apc_log = &log;
    HANDLE events[] = {CreateEventA(nullptr, TRUE, FALSE, nullptr), CreateEventA(nullptr, TRUE, FALSE, nullptr)};
    CHECK(QueueUserAPC(record_apc, GetCurrentThread(), 5) != 0);
    CHECK(WaitForMultipleObjectsEx(2, events, FALSE, patience_ms, TRUE) == WAIT_IO_COMPLETION);
    CHECK(log.data == std::vector<ULONG_PTR>{5});
    SetEvent(events[1]);
    CHECK(WaitForMultipleObjectsEx(2, events, FALSE, patience_ms, TRUE) == WAIT_OBJECT_0 + 1);
    for (HANDLE h : events) CloseHandle(h);
}

TEST_CASE("QueueUserAPC refuses handles that are not threads") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    for (HANDLE bad : {event, HANDLE{nullptr}}) {
        SetLastError(0);
        CHECK(QueueUserAPC(record_apc, bad, 1) == 0);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
    CloseHandle(event);
}

TEST_CASE("SignalObjectAndWait sets an event, releases a mutex or a semaphore, then waits") {
    HANDLE to_set = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE to_wait = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    CHECK(SignalObjectAndWait(to_set, to_wait, 0, FALSE) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(to_set, 0) == WAIT_OBJECT_0);

    HANDLE mutex = CreateMutexA(nullptr, TRUE, nullptr);
    CHECK(SignalObjectAndWait(mutex, to_wait, 0, FALSE) == WAIT_OBJECT_0);
    SetLastError(0);
    CHECK(SignalObjectAndWait(mutex, to_wait, 0, FALSE) == WAIT_FAILED);  // no longer owned
    CHECK(GetLastError() == ERROR_NOT_OWNER);

    HANDLE semaphore = CreateSemaphoreA(nullptr, 0, 1, nullptr);
    CHECK(SignalObjectAndWait(semaphore, semaphore, 0, FALSE) == WAIT_OBJECT_0);  // released, then taken
    CHECK(SignalObjectAndWait(semaphore, to_wait, 0, FALSE) == WAIT_OBJECT_0);
    SetLastError(0);
    CHECK(SignalObjectAndWait(semaphore, to_wait, 0, FALSE) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_TOO_MANY_POSTS);
    for (HANDLE h : {to_set, to_wait, mutex, semaphore}) CloseHandle(h);
}

TEST_CASE("SignalObjectAndWait refuses an object that cannot be signalled with ERROR_INVALID_HANDLE") {
    HANDLE to_wait = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    HANDLE thread = CreateThread(
        nullptr, 0, [](LPVOID) WINAPI -> DWORD { return 0; }, nullptr, 0, nullptr);
    REQUIRE(thread != nullptr);
    for (HANDLE bad : {thread, HANDLE{nullptr}}) {
        SetLastError(0);
        CHECK(SignalObjectAndWait(bad, to_wait, 0, FALSE) == WAIT_FAILED);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    }
    WaitForSingleObject(thread, patience_ms);
    CloseHandle(thread);
    CloseHandle(to_wait);
}
