// The calls that name threads: GetCurrentThread's pseudo-handle, OpenThread,
// GetThreadId, SuspendThread and TerminateThread.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <thread>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;

namespace {

DWORD WINAPI wait_on_parameter(LPVOID event) {
    return WaitForSingleObject(static_cast<HANDLE>(event), patience_ms) == WAIT_OBJECT_0 ? 11 : 99;
}

}  // namespace

TEST_CASE("GetCurrentThread is the pseudo-handle -2 and names the calling thread") {
    HANDLE self = GetCurrentThread();
    CHECK(self == reinterpret_cast<HANDLE>(static_cast<LONG_PTR>(-2)));
    CHECK(GetThreadId(self) == GetCurrentThreadId());
    DWORD code = 0;
    CHECK(GetExitCodeThread(self, &code));
    CHECK(code == STILL_ACTIVE);
    CHECK(WaitForSingleObject(self, 0) == WAIT_TIMEOUT);  // a running thread is not signalled
}

TEST_CASE("GetCurrentProcess (INVALID_HANDLE_VALUE) can be waited on and is not signalled while the process runs") {
    CHECK(GetCurrentProcess() == INVALID_HANDLE_VALUE);
    CHECK(WaitForSingleObject(GetCurrentProcess(), 0) == WAIT_TIMEOUT);
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    HANDLE both[] = {GetCurrentProcess(), event};
    CHECK(WaitForMultipleObjects(2, both, FALSE, 0) == WAIT_OBJECT_0 + 1);
    CHECK(WaitForMultipleObjects(2, both, TRUE, 0) == WAIT_TIMEOUT);
    CloseHandle(event);
}

TEST_CASE("OpenThread gives a handle to a running thread, signalled when it ends, with its exit code") {
    HANDLE go = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    DWORD id = 0;
    HANDLE created = CreateThread(nullptr, 0, wait_on_parameter, go, 0, &id);
    REQUIRE(created != nullptr);
    HANDLE opened = OpenThread(SYNCHRONIZE | THREAD_QUERY_INFORMATION, FALSE, id);
    REQUIRE(opened != nullptr);
    CHECK(opened != created);
    CHECK(GetThreadId(opened) == id);
    CHECK(WaitForSingleObject(opened, 0) == WAIT_TIMEOUT);
    SetEvent(go);
    CHECK(WaitForSingleObject(opened, patience_ms) == WAIT_OBJECT_0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(opened, &code));
    CHECK(code == 11);
    CloseHandle(created);
    CloseHandle(opened);
    CloseHandle(go);
}

TEST_CASE("OpenThread on the calling thread's own id, and on a thread not made by CreateThread") {
    HANDLE self = OpenThread(THREAD_ALL_ACCESS, FALSE, GetCurrentThreadId());
    REQUIRE(self != nullptr);
    CHECK(GetThreadId(self) == GetCurrentThreadId());
    CHECK(WaitForSingleObject(self, 0) == WAIT_TIMEOUT);
    CloseHandle(self);

    HANDLE other = nullptr;
    DWORD other_id = 0, id_seen = 0;
    std::thread([&] {
        other_id = GetCurrentThreadId();
        other = OpenThread(SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, FALSE, other_id);
        id_seen = GetThreadId(other);  // needs the query right on Windows
    }).join();
    REQUIRE(other != nullptr);
    CHECK(id_seen == other_id);
    CHECK(WaitForSingleObject(other, patience_ms) == WAIT_OBJECT_0);  // it has ended
    CloseHandle(other);
}

TEST_CASE("OpenThread refuses 0 and an id no thread has with ERROR_INVALID_PARAMETER") {
    HANDLE thread = CreateThread(
        nullptr, 0, [](LPVOID) WINAPI -> DWORD { return 0; }, nullptr, 0, nullptr);
    REQUIRE(thread != nullptr);
    const DWORD id = GetThreadId(thread);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CloseHandle(thread);  // the last handle: the thread object goes, and its id with it
    // ...once the thread has finished leaving (it holds its object until its
    // very end, after its handle was signalled), so allow it a moment.
    HANDLE late = OpenThread(SYNCHRONIZE, FALSE, id);
    for (int tries = 0; late && tries < 1000; ++tries) {
        CloseHandle(late);
        Sleep(5);
        late = OpenThread(SYNCHRONIZE, FALSE, id);
    }
    for (DWORD bad : {DWORD{0}, id}) {
        SetLastError(0);
        CHECK(OpenThread(SYNCHRONIZE, FALSE, bad) == nullptr);
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    }
}

TEST_CASE("GetThreadId refuses handles that are not threads") {
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    SetLastError(0);
    CHECK(GetThreadId(event) == 0);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CloseHandle(event);
}

TEST_CASE("SuspendThread on a thread that has not started adds to its suspend count") {
    HANDLE thread = CreateThread(
        nullptr, 0, [](LPVOID) WINAPI -> DWORD { return 4; }, nullptr, CREATE_SUSPENDED, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(SuspendThread(thread) == 1);
    CHECK(ResumeThread(thread) == 2);
    CHECK(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT);
    CHECK(ResumeThread(thread) == 1);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CloseHandle(thread);
}

// The emulation cannot stop a running thread at an arbitrary point safely
// (it may hold a lock any other thread needs); Windows can.
TEST_CASE("SuspendThread and TerminateThread refuse a running thread with ERROR_NOT_SUPPORTED" *
          platform_cases::posix_emulation_only) {
    HANDLE go = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, wait_on_parameter, go, 0, nullptr);
    REQUIRE(thread != nullptr);
    SetLastError(0);
    CHECK(SuspendThread(thread) == static_cast<DWORD>(-1));
    CHECK(GetLastError() == ERROR_NOT_SUPPORTED);
    SetLastError(0);
    CHECK_FALSE(TerminateThread(thread, 1));
    CHECK(GetLastError() == ERROR_NOT_SUPPORTED);
    SetEvent(go);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CloseHandle(thread);
    CloseHandle(go);
}

TEST_CASE("TerminateThread on a thread that has ended succeeds and records the new exit code") {
    HANDLE thread = CreateThread(
        nullptr, 0, [](LPVOID) WINAPI -> DWORD { return 6; }, nullptr, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 6);
    CHECK(TerminateThread(thread, 1));
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 1);  // as Wine does
    CloseHandle(thread);
}
