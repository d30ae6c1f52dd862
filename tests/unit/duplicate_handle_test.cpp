// DuplicateHandle within the process, GetCurrentProcess and
// GetCurrentProcessId: a duplicate is another value naming the same object,
// usable in every wait and closed on its own; bad arguments fail as Windows
// fails them.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "event_array.hpp"
#include "wait_probe.hpp"

#include <cstdint>
#include <thread>
#include <vector>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;

namespace {

// A duplicate of `source` with the same access, or NULL.
HANDLE duplicate(HANDLE source, DWORD options = DUPLICATE_SAME_ACCESS) {
    HANDLE copy = nullptr;
    if (!DuplicateHandle(GetCurrentProcess(), source, GetCurrentProcess(), &copy, 0, FALSE, options)) return nullptr;
    return copy;
}

bool is_closed(HANDLE handle) {
    SetLastError(NO_ERROR);
    return SetEvent(handle) == FALSE && GetLastError() == ERROR_INVALID_HANDLE;
}

// The call fails with `error` and leaves no handle behind.
void check_fails(HANDLE source_process, HANDLE source, HANDLE target_process, DWORD options, DWORD error) {
    HANDLE copy = nullptr;
    SetLastError(NO_ERROR);
    CHECK(DuplicateHandle(source_process, source, target_process, &copy, 0, FALSE, options) == FALSE);
    CHECK(GetLastError() == error);
    CHECK(copy == nullptr);
}

}  // namespace

TEST_CASE("GetCurrentProcess is the pseudo-handle -1 and GetCurrentProcessId is the same on every thread") {
    CHECK(GetCurrentProcess() == reinterpret_cast<HANDLE>(static_cast<std::intptr_t>(-1)));
    const DWORD id = GetCurrentProcessId();
    CHECK(id != 0);
    DWORD seen = 0;
    std::thread([&] { seen = GetCurrentProcessId(); }).join();
    CHECK(seen == id);
}

TEST_CASE("a duplicate is another handle value naming the same event: set through one, wait through the other") {
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE copy = duplicate(event);
    REQUIRE(copy != nullptr);
    CHECK(copy != event);
    CHECK(WaitForSingleObject(copy, 0) == WAIT_TIMEOUT);
    CHECK(SetEvent(event) == TRUE);
    CHECK(WaitForSingleObject(copy, 0) == WAIT_OBJECT_0);  // consumes the auto-reset signal
    CHECK(WaitForSingleObject(event, 0) == WAIT_TIMEOUT);
    CHECK(SetEvent(copy) == TRUE);
    CHECK(WaitForMultipleObjects(1, &event, FALSE, 0) == WAIT_OBJECT_0);
    CHECK(WaitForMultipleObjects(1, &copy, FALSE, 0) == WAIT_TIMEOUT);
    CHECK(CloseHandle(copy) == TRUE);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("closing one of two handles leaves the other working, whichever is closed first") {
    for (bool close_original_first : {true, false}) {
        CAPTURE(close_original_first);
        HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        REQUIRE(event != nullptr);
        HANDLE copy = duplicate(event);
        REQUIRE(copy != nullptr);
        HANDLE closed = close_original_first ? event : copy;
        HANDLE kept = close_original_first ? copy : event;
        REQUIRE(CloseHandle(closed) == TRUE);
        CHECK(is_closed(closed));
        CHECK(SetEvent(kept) == TRUE);
        CHECK(WaitForSingleObject(kept, 0) == WAIT_OBJECT_0);
        CHECK(WaitForMultipleObjects(1, &kept, TRUE, 0) == WAIT_OBJECT_0);
        // A third handle made from the survivor works too.
        HANDLE third = duplicate(kept);
        REQUIRE(third != nullptr);
        CHECK(ResetEvent(third) == TRUE);
        CHECK(WaitForSingleObject(kept, 0) == WAIT_TIMEOUT);
        CHECK(CloseHandle(third) == TRUE);
        CHECK(CloseHandle(kept) == TRUE);
    }
}

TEST_CASE("DUPLICATE_CLOSE_SOURCE closes the source and returns a working duplicate") {
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE copy = duplicate(event, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
    REQUIRE(copy != nullptr);
    CHECK(WaitForSingleObject(copy, 0) == WAIT_OBJECT_0);
    CHECK(CloseHandle(copy) == TRUE);
}

TEST_CASE("explicit access rights give a usable duplicate") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE copy = nullptr;
    REQUIRE(DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &copy, GENERIC_ALL, FALSE, 0) == TRUE);
    CHECK(SetEvent(copy) == TRUE);
    CHECK(WaitForSingleObject(event, 0) == WAIT_OBJECT_0);
    CHECK(CloseHandle(copy) == TRUE);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("wait-any and wait-all over 64 handles, some of them duplicates, answered without sleeping") {
    Events e(63, TRUE);
    HANDLE copy = duplicate(e[10]);
    REQUIRE(copy != nullptr);
    std::vector<HANDLE> handles(e.data(), e.data() + e.size());
    handles.push_back(copy);  // 64: the same object as handles[10]
    CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_TIMEOUT);
    SetEvent(e[10]);
    CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_OBJECT_0 + 10);
    ResetEvent(copy);
    SetEvent(e[62]);
    CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_OBJECT_0 + 62);
    ResetEvent(e[62]);
    SetEvent(copy);
    handles[10] = e[0];  // copy at 63 is now the only handle to its object
    CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_OBJECT_0 + 63);
    // Wait-all over 63 distinct objects, one of them through the duplicate.
    std::vector<HANDLE> distinct(e.data(), e.data() + e.size());
    distinct[10] = copy;
    for (HANDLE h : distinct) SetEvent(h);
    CHECK(WaitForMultipleObjects(63, distinct.data(), TRUE, 0) == WAIT_OBJECT_0);
    ResetEvent(e[10]);
    CHECK(WaitForMultipleObjects(63, distinct.data(), TRUE, 0) == WAIT_TIMEOUT);
    CHECK(CloseHandle(copy) == TRUE);
}

TEST_CASE("a thread asleep on a duplicate is woken through the original, in a wait-any and a wait-all") {
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    HANDLE other = CreateEventA(nullptr, TRUE, TRUE, nullptr);  // set: a wait-all waits for the copy only
    HANDLE idle = CreateEventA(nullptr, TRUE, FALSE, nullptr);  // never set: a wait-any waits for the copy only
    REQUIRE(event != nullptr);
    REQUIRE(other != nullptr);
    REQUIRE(idle != nullptr);
    HANDLE copy = duplicate(event);
    REQUIRE(copy != nullptr);
    for (BOOL wait_all : {FALSE, TRUE}) {
        CAPTURE(wait_all);
        HANDLE handles[2] = {wait_all ? other : idle, copy};
        DWORD result = 0;
        std::thread waiter([&] { result = WaitForMultipleObjects(2, handles, wait_all, patience_ms); });
        REQUIRE(wait_for_waiters(copy, 1));
        CHECK(SetEvent(event) == TRUE);
        waiter.join();
        CHECK(result == (wait_all ? WAIT_OBJECT_0 : WAIT_OBJECT_0 + 1));
        CHECK(WaitForSingleObject(event, 0) == WAIT_TIMEOUT);  // the auto-reset signal was taken
    }
    DWORD single = 0;
    std::thread waiter([&] { single = WaitForSingleObject(copy, patience_ms); });
    REQUIRE(wait_for_waiters(copy, 1));
    CHECK(CloseHandle(event) == TRUE);  // the waiter's object stays alive through the copy
    HANDLE again = duplicate(copy);
    REQUIRE(again != nullptr);
    CHECK(SetEvent(again) == TRUE);
    waiter.join();
    CHECK(single == WAIT_OBJECT_0);
    CHECK(CloseHandle(again) == TRUE);
    CHECK(CloseHandle(copy) == TRUE);
    CHECK(CloseHandle(other) == TRUE);
    CHECK(CloseHandle(idle) == TRUE);
}

TEST_CASE("a wait-all naming one object twice fails with ERROR_INVALID_PARAMETER, through one handle or two") {
    platform_cases::skip_under_wine("Wine lets a wait-all name one object twice; Windows refuses it, "
                                    "through two handles as well (ERROR_INVALID_PARAMETER)");
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE copy = duplicate(event);
    REQUIRE(copy != nullptr);
    HANDLE other = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(other != nullptr);
    for (HANDLE second : {event, copy}) {
        HANDLE handles[3] = {event, other, second};
        SetLastError(NO_ERROR);
        CHECK(WaitForMultipleObjects(3, handles, TRUE, 0) == WAIT_FAILED);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
        SetLastError(NO_ERROR);
        CHECK(WaitForMultipleObjects(3, handles, TRUE, 50) == WAIT_FAILED);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
        // A wait-any may name it twice.
        CHECK(WaitForMultipleObjects(3, handles, FALSE, 0) == WAIT_OBJECT_0);
    }
    CHECK(CloseHandle(copy) == TRUE);
    CHECK(CloseHandle(other) == TRUE);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("DuplicateHandle refuses bad sources and processes with ERROR_INVALID_HANDLE") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    const HANDLE self = GetCurrentProcess();
    check_fails(self, nullptr, self, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);
    check_fails(nullptr, event, self, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);
    check_fails(event, event, self, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);  // not a process
    check_fails(self, event, nullptr, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);
    check_fails(self, event, event, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);
    // The process heap is not a kernel handle on Windows.
    check_fails(self, GetProcessHeap(), self, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);
    // None of these closed the source.
    CHECK(SetEvent(event) == TRUE);
    // A closed handle.
    HANDLE closed = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(CloseHandle(closed) == TRUE);
    check_fails(self, closed, self, DUPLICATE_SAME_ACCESS, ERROR_INVALID_HANDLE);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("DUPLICATE_CLOSE_SOURCE closes the source even when the target process is bad, not when the source process is") {
    const HANDLE self = GetCurrentProcess();
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE bad_process = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(bad_process != nullptr);
    check_fails(self, event, bad_process, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE, ERROR_INVALID_HANDLE);
    CHECK(is_closed(event));

    event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    check_fails(nullptr, event, self, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE, ERROR_INVALID_HANDLE);
    check_fails(self, nullptr, self, DUPLICATE_CLOSE_SOURCE, ERROR_INVALID_HANDLE);
    CHECK(SetEvent(event) == TRUE);  // still open
    CHECK(CloseHandle(bad_process) == TRUE);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("DUPLICATE_CLOSE_SOURCE with a NULL target process only closes the source") {
    platform_cases::skip_under_wine("Wine closes the source but fails the call with ERROR_INVALID_HANDLE; "
                                    "Microsoft documents a NULL target process as valid with DUPLICATE_CLOSE_SOURCE");
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE copy = nullptr;
    CHECK(DuplicateHandle(GetCurrentProcess(), event, nullptr, &copy, 0, FALSE, DUPLICATE_CLOSE_SOURCE) == TRUE);
    CHECK(is_closed(event));
}

TEST_CASE("a NULL lpTargetHandle: the duplicate is made but its value is lost") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    SetLastError(NO_ERROR);
    CHECK(DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), nullptr, 0, FALSE, DUPLICATE_SAME_ACCESS) ==
          TRUE);
    CHECK(SetEvent(event) == TRUE);
    CHECK(CloseHandle(event) == TRUE);
}

TEST_CASE("duplicating GetCurrentProcess() gives a real process handle: a process argument, waitable, closable") {
    const HANDLE self = GetCurrentProcess();
    HANDLE process = nullptr;
    REQUIRE(DuplicateHandle(self, self, self, &process, 0, FALSE, DUPLICATE_SAME_ACCESS) == TRUE);
    REQUIRE(process != nullptr);
    CHECK(process != self);
    CHECK(WaitForSingleObject(process, 0) == WAIT_TIMEOUT);  // signalled only once the process ends
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(event != nullptr);
    HANDLE copy = nullptr;
    REQUIRE(DuplicateHandle(process, event, process, &copy, 0, FALSE, DUPLICATE_SAME_ACCESS) == TRUE);
    CHECK(SetEvent(copy) == TRUE);
    HANDLE both[2] = {process, event};
    CHECK(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_OBJECT_0 + 1);
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_TIMEOUT);
    SetLastError(NO_ERROR);
    CHECK(SetEvent(process) == FALSE);  // not an event
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(CloseHandle(copy) == TRUE);
    CHECK(CloseHandle(event) == TRUE);
    CHECK(CloseHandle(process) == TRUE);
}

TEST_CASE("closing the current process's pseudo-handle does nothing and succeeds") {
    SetLastError(NO_ERROR);
    CHECK(CloseHandle(GetCurrentProcess()) == TRUE);
    CHECK(GetCurrentProcessId() != 0);
}
