// CreateThread, thread handles as waitable objects, exit codes (return and
// ExitThread), CREATE_SUSPENDED / ResumeThread, thread ids, and misuse.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <atomic>
#include <set>
#include <vector>
#include "support/platform_cases.hpp"

using wait_probe::patience_ms;
using wait_probe::wait_for_waiters;

namespace {

DWORD WINAPI return_parameter(LPVOID parameter) { return static_cast<DWORD>(reinterpret_cast<std::uintptr_t>(parameter)); }

DWORD WINAPI wait_then_return_7(LPVOID event) {
    return WaitForSingleObject(static_cast<HANDLE>(event), patience_ms) == WAIT_OBJECT_0 ? 7 : 99;
}

std::atomic<bool> after_exit_thread_ran{false};
DWORD WINAPI exit_thread_with_parameter(LPVOID parameter) {
    ExitThread(static_cast<DWORD>(reinterpret_cast<std::uintptr_t>(parameter)));
    after_exit_thread_ran = true;  // never reached
    return 0;
}

struct IdReport {
    DWORD seen_inside = 0;
    DWORD seen_twice = 0;
};
DWORD WINAPI report_id(LPVOID parameter) {
    auto* report = static_cast<IdReport*>(parameter);
    report->seen_inside = GetCurrentThreadId();
    report->seen_twice = GetCurrentThreadId();
    return 0;
}

LPVOID as_parameter(DWORD value) { return reinterpret_cast<LPVOID>(static_cast<std::uintptr_t>(value)); }

}  // namespace

TEST_CASE("CreateThread with a NULL start routine fails with ERROR_INVALID_PARAMETER" * platform_cases::posix_emulation_only) {
    SetLastError(NO_ERROR);
    DWORD id = 12345;
    CHECK(CreateThread(nullptr, 0, nullptr, nullptr, 0, &id) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(id == 12345);
}

TEST_CASE("CreateThread with an unknown creation flag fails with ERROR_INVALID_PARAMETER" * platform_cases::posix_emulation_only) {
    SetLastError(NO_ERROR);
    CHECK(CreateThread(nullptr, 0, return_parameter, nullptr, 0x8, nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("a thread handle is signalled when the thread returns, and the return value is its exit code") {
    HANDLE thread = CreateThread(nullptr, 0, return_parameter, as_parameter(42), 0, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(thread, 0) == WAIT_OBJECT_0);  // stays signalled (not consumed)
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 42);
    CHECK(CloseHandle(thread));
}

TEST_CASE("ExitThread ends the thread at once with its exit code and signals the handle") {
    HANDLE thread = CreateThread(nullptr, 0, exit_thread_with_parameter, as_parameter(1234), 0, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 1234);
    CHECK(!after_exit_thread_ran.load());
    CloseHandle(thread);
}

TEST_CASE("ExitThread on a thread not made by CreateThread ends that thread") {
    pthread_t thread;
    REQUIRE(pthread_create(&thread, nullptr, [](void*) -> void* {
        ExitThread(5);
    }, nullptr) == 0);
    CHECK(pthread_join(thread, nullptr) == 0);
}

TEST_CASE("GetExitCodeThread reports STILL_ACTIVE (259) while the thread runs") {
    HANDLE go = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    HANDLE thread = CreateThread(nullptr, 0, wait_then_return_7, go, 0, nullptr);
    REQUIRE(thread != nullptr);
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == STILL_ACTIVE);
    CHECK(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT);
    SetEvent(go);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 7);
    CloseHandle(thread);
    CloseHandle(go);
}

TEST_CASE("CREATE_SUSPENDED holds the thread until ResumeThread, which returns the previous suspend count 1 then 0") {
    std::atomic<int> runs{0};
    auto count_run = [](LPVOID counter) WINAPI -> DWORD {
        static_cast<std::atomic<int>*>(counter)->fetch_add(1);
        return 3;
    };
    HANDLE thread = CreateThread(nullptr, 0, count_run, &runs, CREATE_SUSPENDED, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(WaitForSingleObject(thread, 50) == WAIT_TIMEOUT);
    CHECK(runs.load() == 0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == STILL_ACTIVE);
    CHECK(ResumeThread(thread) == 1);
    CHECK(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CHECK(runs.load() == 1);
    CHECK(ResumeThread(thread) == 0);
    CloseHandle(thread);
}

TEST_CASE("ResumeThread and GetExitCodeThread fail with ERROR_INVALID_HANDLE on bad, closed and event handles") {
    HANDLE event = CreateEvent(nullptr, TRUE, TRUE, nullptr);
    HANDLE closed = CreateThread(nullptr, 0, return_parameter, nullptr, 0, nullptr);
    REQUIRE(closed != nullptr);
    REQUIRE(CloseHandle(closed));
    for (HANDLE bad : {HANDLE{}, INVALID_HANDLE_VALUE, reinterpret_cast<HANDLE>(0x1234), closed, event}) {
        SetLastError(NO_ERROR);
        CHECK(ResumeThread(bad) == static_cast<DWORD>(-1));
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        DWORD code = 77;
        SetLastError(NO_ERROR);
        CHECK(GetExitCodeThread(bad, &code) == FALSE);
        CHECK(GetLastError() == ERROR_INVALID_HANDLE);
        CHECK(code == 77);
    }
    CloseHandle(event);
}

TEST_CASE("closing a thread handle while the thread runs neither stops nor breaks the thread") {
    HANDLE go = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    HANDLE done = CreateEvent(nullptr, FALSE, FALSE, nullptr);
    HANDLE pair[] = {go, done};
    auto relay = [](LPVOID events) WINAPI -> DWORD {
        auto* e = static_cast<HANDLE*>(events);
        if (WaitForSingleObject(e[0], patience_ms) != WAIT_OBJECT_0) return 1;
        SetEvent(e[1]);
        return 0;
    };
    HANDLE thread = CreateThread(nullptr, 0, relay, pair, 0, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(CloseHandle(thread));
    SetEvent(go);
    CHECK(WaitForSingleObject(done, patience_ms) == WAIT_OBJECT_0);
    CloseHandle(go);
    CloseHandle(done);
}

TEST_CASE("CreateThread stores the thread id, equal to GetCurrentThreadId in the thread, nonzero and stable") {
    IdReport report;
    DWORD id = 0;
    HANDLE thread = CreateThread(nullptr, 0, report_id, &report, 0, &id);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    CHECK(id != 0);
    CHECK(report.seen_inside == id);
    CHECK(report.seen_twice == id);
    CHECK(GetCurrentThreadId() != 0);
    CHECK(GetCurrentThreadId() != id);
    CHECK(GetCurrentThreadId() == GetCurrentThreadId());
    CloseHandle(thread);
}

TEST_CASE("GetCurrentThreadId differs between live threads") {
    constexpr int count = 8;
    HANDLE go = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    struct Slot { HANDLE go; DWORD id; } slots[count];
    std::vector<HANDLE> threads;
    for (auto& slot : slots) {
        slot = {go, 0};
        threads.push_back(CreateThread(nullptr, 0, [](LPVOID p) WINAPI -> DWORD {
            auto* s = static_cast<Slot*>(p);
            s->id = GetCurrentThreadId();
            return WaitForSingleObject(s->go, patience_ms);  // all alive at once
        }, &slot, 0, nullptr));
    }
    SetEvent(go);
    CHECK(WaitForMultipleObjects(count, threads.data(), TRUE, patience_ms) == WAIT_OBJECT_0);
    std::set<DWORD> ids;
    for (auto& slot : slots) ids.insert(slot.id);
    CHECK(ids.size() == count);
    CHECK(ids.count(0) == 0);
    for (HANDLE t : threads) CloseHandle(t);
    CloseHandle(go);
}

TEST_CASE("wait-all over thread handles returns once every thread has ended") {
    HANDLE go = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    HANDLE threads[4];
    for (auto& t : threads) t = CreateThread(nullptr, 0, wait_then_return_7, go, 0, nullptr);
    CHECK(WaitForMultipleObjects(4, threads, TRUE, 0) == WAIT_TIMEOUT);
    CHECK(WaitForMultipleObjects(4, threads, FALSE, 0) == WAIT_TIMEOUT);
    SetEvent(go);
    CHECK(WaitForMultipleObjects(4, threads, TRUE, patience_ms) == WAIT_OBJECT_0);
    CHECK(WaitForMultipleObjects(4, threads, FALSE, 0) == WAIT_OBJECT_0);  // lowest index, not consumed
    for (HANDLE t : threads) CloseHandle(t);
    CloseHandle(go);
}

TEST_CASE("a thread blocked on a thread handle is released when that thread ends") {
    HANDLE go = CreateEvent(nullptr, TRUE, FALSE, nullptr);
    HANDLE worker = CreateThread(nullptr, 0, wait_then_return_7, go, 0, nullptr);
    HANDLE watcher = CreateThread(nullptr, 0, [](LPVOID t) WINAPI -> DWORD {
        return WaitForSingleObject(static_cast<HANDLE>(t), patience_ms) == WAIT_OBJECT_0 ? 1 : 2;
    }, worker, 0, nullptr);
    REQUIRE(wait_for_waiters(worker, 1));
    SetEvent(go);
    CHECK(WaitForSingleObject(watcher, patience_ms) == WAIT_OBJECT_0);
    DWORD code = 0;
    GetExitCodeThread(watcher, &code);
    CHECK(code == 1);
    for (HANDLE h : {worker, watcher, go}) CloseHandle(h);
}
