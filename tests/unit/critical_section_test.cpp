// CRITICAL_SECTION: the SDK layout, recursion and the values Windows keeps in
// OwningThread and RecursionCount, TryEnter from another thread, a blocked
// Enter released by Leave, mutual exclusion under contention, spin counts.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "support/platform_cases.hpp"

#include <atomic>
#include <cstddef>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace {

HANDLE as_owner(DWORD thread_id) { return reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(thread_id)); }

DWORD WINAPI try_enter_once(LPVOID raw) {
    auto* cs = static_cast<CRITICAL_SECTION*>(raw);
    if (!TryEnterCriticalSection(cs)) return 0;
    const bool recorded = cs->OwningThread == as_owner(GetCurrentThreadId()) && cs->RecursionCount == 1;
    LeaveCriticalSection(cs);
    return recorded ? 1 : 2;
}

struct Blocked {
    CRITICAL_SECTION* cs;
    std::atomic<bool> entered{false};
    bool owner_recorded = false;
};

DWORD WINAPI enter_and_record(LPVOID raw) {
    auto* blocked = static_cast<Blocked*>(raw);
    EnterCriticalSection(blocked->cs);
    blocked->entered = true;
    blocked->owner_recorded = blocked->cs->OwningThread == as_owner(GetCurrentThreadId());
    LeaveCriticalSection(blocked->cs);
    return 0;
}

struct Contention {
    CRITICAL_SECTION cs;
    long counter = 0;  // plain: only the section protects it
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
};
constexpr int contention_threads = 4;
constexpr int contention_rounds = 20000;

DWORD WINAPI increment_many(LPVOID raw) {
    auto* c = static_cast<Contention*>(raw);
    for (int i = 0; i < contention_rounds; ++i) {
        EnterCriticalSection(&c->cs);
        if (c->inside.fetch_add(1) != 0) c->overlapped = true;
        if (i % 7 == 0) {  // recursion under contention too
            EnterCriticalSection(&c->cs);
            LeaveCriticalSection(&c->cs);
        }
        ++c->counter;
        c->inside.fetch_sub(1);
        LeaveCriticalSection(&c->cs);
    }
    return 0;
}

}  // namespace

TEST_CASE("CRITICAL_SECTION has the layout of the SDK's RTL_CRITICAL_SECTION") {
    CHECK(offsetof(CRITICAL_SECTION, DebugInfo) == 0);
    CHECK(offsetof(CRITICAL_SECTION, LockCount) == sizeof(void*));
    CHECK(offsetof(CRITICAL_SECTION, RecursionCount) == sizeof(void*) + 4);
    CHECK(offsetof(CRITICAL_SECTION, OwningThread) == sizeof(void*) + 8);
    CHECK(offsetof(CRITICAL_SECTION, LockSemaphore) == 2 * sizeof(void*) + 8);
    CHECK(offsetof(CRITICAL_SECTION, SpinCount) == 3 * sizeof(void*) + 8);
    CHECK(sizeof(CRITICAL_SECTION) == 4 * sizeof(void*) + 8);  // 40 bytes on 64-bit Windows
}

TEST_CASE("a critical section is recursive: OwningThread is the owner's id and RecursionCount the depth") {
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    CHECK(cs.OwningThread == nullptr);
    CHECK(cs.RecursionCount == 0);
    EnterCriticalSection(&cs);
    CHECK(cs.OwningThread == as_owner(GetCurrentThreadId()));
    CHECK(cs.RecursionCount == 1);
    EnterCriticalSection(&cs);
    CHECK(cs.RecursionCount == 2);
    CHECK(TryEnterCriticalSection(&cs) == TRUE);
    CHECK(cs.RecursionCount == 3);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    CHECK(cs.RecursionCount == 1);
    CHECK(cs.OwningThread == as_owner(GetCurrentThreadId()));
    LeaveCriticalSection(&cs);
    CHECK(cs.RecursionCount == 0);
    CHECK(cs.OwningThread == nullptr);
    DeleteCriticalSection(&cs);
}

TEST_CASE("TryEnterCriticalSection from another thread fails while the section is owned, succeeds once it is left") {
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs);
    auto run_try = [&] {
        HANDLE thread = CreateThread(nullptr, 0, try_enter_once, &cs, 0, nullptr);
        REQUIRE(thread != nullptr);
        REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
        DWORD code = 99;
        CHECK(GetExitCodeThread(thread, &code));
        CloseHandle(thread);
        return code;
    };
    CHECK(run_try() == 0);
    LeaveCriticalSection(&cs);
    CHECK(run_try() == 0);  // still owned once
    LeaveCriticalSection(&cs);
    CHECK(run_try() == 1);
    CHECK(cs.OwningThread == nullptr);
    DeleteCriticalSection(&cs);
}

TEST_CASE("a thread blocked in EnterCriticalSection gets the section when the owner leaves it") {
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    Blocked blocked;
    blocked.cs = &cs;
    EnterCriticalSection(&cs);
    HANDLE thread = CreateThread(nullptr, 0, enter_and_record, &blocked, 0, nullptr);
    REQUIRE(thread != nullptr);
    CHECK(WaitForSingleObject(thread, 100) == WAIT_TIMEOUT);
    CHECK_FALSE(blocked.entered.load());
    LeaveCriticalSection(&cs);
    REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
    CHECK(blocked.entered.load());
    CHECK(blocked.owner_recorded);
    CHECK(cs.OwningThread == nullptr);
    CloseHandle(thread);
    DeleteCriticalSection(&cs);
}

TEST_CASE("a critical section excludes under contention, with and without a spin count") {
    for (const DWORD spin : {0u, 4000u}) {
        CAPTURE(spin);
        auto c = std::make_unique<Contention>();
        REQUIRE(InitializeCriticalSectionAndSpinCount(&c->cs, spin));
        std::vector<HANDLE> threads;
        for (int t = 0; t < contention_threads; ++t) {
            threads.push_back(CreateThread(nullptr, 0, increment_many, c.get(), 0, nullptr));
            REQUIRE(threads.back() != nullptr);
        }
        CHECK(WaitForMultipleObjects(static_cast<DWORD>(threads.size()), threads.data(), TRUE, 60000) == WAIT_OBJECT_0);
        for (HANDLE t : threads) CloseHandle(t);
        CHECK(c->counter == static_cast<long>(contention_threads) * contention_rounds);
        CHECK_FALSE(c->overlapped.load());
        CHECK(c->cs.OwningThread == nullptr);
        CHECK(c->cs.RecursionCount == 0);
        DeleteCriticalSection(&c->cs);
    }
}

TEST_CASE("InitializeCriticalSectionAndSpinCount and InitializeCriticalSectionEx return TRUE") {
    CRITICAL_SECTION cs;
    CHECK(InitializeCriticalSectionAndSpinCount(&cs, 4000) == TRUE);
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    CHECK(InitializeCriticalSectionEx(&cs, 100, 0) == TRUE);
    CHECK(TryEnterCriticalSection(&cs) == TRUE);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

TEST_CASE("SetCriticalSectionSpinCount returns the previous spin count") {
    if (std::thread::hardware_concurrency() < 2) return;  // one CPU: Windows keeps no spin count at all
    CRITICAL_SECTION cs;
    REQUIRE(InitializeCriticalSectionAndSpinCount(&cs, 4000));
    CHECK(SetCriticalSectionSpinCount(&cs, 100) == 4000);
    CHECK(SetCriticalSectionSpinCount(&cs, 0) == 100);
    DeleteCriticalSection(&cs);
}

TEST_CASE("a section deleted and initialised again works as a new one") {
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    InitializeCriticalSection(&cs);
    CHECK(TryEnterCriticalSection(&cs) == TRUE);
    CHECK(cs.RecursionCount == 1);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

// Windows 7 and later read a zero LockCount as "held": a never-initialised
// section would hang there. The emulation promises a zero-filled section is
// a free one, because legacy code that forgot InitializeCriticalSection for a
// static section ran on NT4, whose free LockCount was -1 but whose first
// Enter still worked.
TEST_CASE("a zero-filled section that was never initialised works as a free one" * platform_cases::posix_emulation_only) {
    static CRITICAL_SECTION never_initialised;
    EnterCriticalSection(&never_initialised);
    CHECK(never_initialised.RecursionCount == 1);
    CHECK(never_initialised.OwningThread == as_owner(GetCurrentThreadId()));
    CRITICAL_SECTION* cs = &never_initialised;
    HANDLE thread = CreateThread(nullptr, 0, try_enter_once, cs, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
    DWORD code = 99;
    CHECK(GetExitCodeThread(thread, &code));
    CHECK(code == 0);
    CloseHandle(thread);
    LeaveCriticalSection(&never_initialised);
    CHECK(never_initialised.OwningThread == nullptr);
}

// Windows faults on a NULL section and corrupts one left by a thread that
// does not own it; the emulation ignores both so a host never crashes.
TEST_CASE("a NULL section and a Leave by a thread that does not own the section are ignored" * platform_cases::posix_emulation_only) {
    EnterCriticalSection(nullptr);
    LeaveCriticalSection(nullptr);
    CHECK(TryEnterCriticalSection(nullptr) == FALSE);
    InitializeCriticalSection(nullptr);
    DeleteCriticalSection(nullptr);
    CHECK(SetCriticalSectionSpinCount(nullptr, 5) == 0);
    SetLastError(NO_ERROR);
    CHECK(InitializeCriticalSectionAndSpinCount(nullptr, 0) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);

    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    LeaveCriticalSection(&cs);  // not entered at all
    CHECK(cs.RecursionCount == 0);
    EnterCriticalSection(&cs);
    std::thread([&] { LeaveCriticalSection(&cs); }).join();  // not the owner
    CHECK(cs.RecursionCount == 1);
    CHECK(cs.OwningThread == as_owner(GetCurrentThreadId()));
    LeaveCriticalSection(&cs);
    CHECK(cs.OwningThread == nullptr);
    DeleteCriticalSection(&cs);
}
