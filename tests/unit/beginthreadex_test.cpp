// The CRT's _beginthreadex / _endthreadex / _beginthread / _endthread: a
// waitable thread handle as uintptr_t, the thread id, exit codes (returned
// and through _endthreadex), CREATE_SUSPENDED, and _beginthread's handle
// closed by the thread itself.
#include <doctest/doctest.h>
#include <process.h>  // the CRT's on Windows; rasshost::compat's on POSIX
#include <rasshost/win32.h>

#include "support/platform_cases.hpp"

#include <atomic>
#include <cerrno>
#include <cstdint>

namespace {

unsigned __stdcall return_argument(void* argument) {
    return static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(argument));
}

std::atomic<bool> after_endthreadex_ran{false};
unsigned __stdcall end_with_argument(void* argument) {
    _endthreadex(static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(argument)));
    after_endthreadex_ran = true;  // never reached
    return 0;
}

struct IdSeen {
    std::atomic<DWORD> id{0};
};
unsigned __stdcall record_id(void* raw) {
    static_cast<IdSeen*>(raw)->id = GetCurrentThreadId();
    return 0;
}

struct Plain {
    HANDLE done;
    std::atomic<int> ran{0};
    bool end_early = false;
};
void __cdecl plain_thread(void* raw) {
    auto* plain = static_cast<Plain*>(raw);
    const bool end_early = plain->end_early;  // read before the test may let plain go
    plain->ran = 1;
    SetEvent(plain->done);
    if (end_early) _endthread();
    plain->ran = 2;
}

void* as_argument(unsigned n) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(n)); }

DWORD exit_code_of(HANDLE thread) {
    DWORD code = 12345;
    CHECK(GetExitCodeThread(thread, &code));
    return code;
}

}  // namespace

TEST_CASE("_beginthreadex returns a waitable thread handle and the thread id, and the return value is the exit code") {
    IdSeen seen;
    unsigned id = 0;
    const uintptr_t handle = _beginthreadex(nullptr, 0, record_id, &seen, 0, &id);
    REQUIRE(handle != 0);
    HANDLE thread = reinterpret_cast<HANDLE>(handle);
    REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
    CHECK(id != 0);
    CHECK(seen.id.load() == id);
    CHECK(exit_code_of(thread) == 0);
    CHECK(CloseHandle(thread));

    const uintptr_t second = _beginthreadex(nullptr, 64 * 1024, return_argument, as_argument(4242), 0, nullptr);
    REQUIRE(second != 0);
    REQUIRE(WaitForSingleObject(reinterpret_cast<HANDLE>(second), 10000) == WAIT_OBJECT_0);
    CHECK(exit_code_of(reinterpret_cast<HANDLE>(second)) == 4242);
    CHECK(CloseHandle(reinterpret_cast<HANDLE>(second)));
}

TEST_CASE("_endthreadex ends the thread with its argument as the exit code") {
    const uintptr_t handle = _beginthreadex(nullptr, 0, end_with_argument, as_argument(77), 0, nullptr);
    REQUIRE(handle != 0);
    REQUIRE(WaitForSingleObject(reinterpret_cast<HANDLE>(handle), 10000) == WAIT_OBJECT_0);
    CHECK(exit_code_of(reinterpret_cast<HANDLE>(handle)) == 77);
    CHECK_FALSE(after_endthreadex_ran.load());
    CloseHandle(reinterpret_cast<HANDLE>(handle));
}

TEST_CASE("_beginthreadex with CREATE_SUSPENDED starts the thread only on ResumeThread") {
    const uintptr_t handle = _beginthreadex(nullptr, 0, return_argument, as_argument(5), CREATE_SUSPENDED, nullptr);
    REQUIRE(handle != 0);
    HANDLE thread = reinterpret_cast<HANDLE>(handle);
    CHECK(WaitForSingleObject(thread, 100) == WAIT_TIMEOUT);
    CHECK(exit_code_of(thread) == STILL_ACTIVE);
    CHECK(ResumeThread(thread) == 1);
    REQUIRE(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0);
    CHECK(exit_code_of(thread) == 5);
    CloseHandle(thread);
}

TEST_CASE("_beginthread runs the routine, and _endthread ends it early") {
    for (const bool end_early : {false, true}) {
        CAPTURE(end_early);
        Plain plain;
        plain.done = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        plain.end_early = end_early;
        const uintptr_t handle = _beginthread(plain_thread, 0, &plain);
        REQUIRE(handle != static_cast<uintptr_t>(-1));
        CHECK(handle != 0);
        REQUIRE(WaitForSingleObject(plain.done, 10000) == WAIT_OBJECT_0);
        // The handle closes itself when the thread ends: wait by polling.
        for (int i = 0; i < 1000 && plain.ran.load() == 1 && !end_early; ++i) Sleep(1);
        CHECK(plain.ran.load() == (end_early ? 1 : 2));
        CloseHandle(plain.done);
    }
}

// The Microsoft CRT sends a NULL routine to its invalid-parameter handler,
// which by default ends the process; the emulation sets errno and fails.
TEST_CASE("_beginthreadex and _beginthread with a NULL routine fail with EINVAL" * platform_cases::posix_emulation_only) {
    errno = 0;
    CHECK(_beginthreadex(nullptr, 0, nullptr, nullptr, 0, nullptr) == 0);
    CHECK(errno == EINVAL);
    errno = 0;
    CHECK(_beginthread(nullptr, 0, nullptr) == static_cast<uintptr_t>(-1));
    CHECK(errno == EINVAL);
}

// Windows' CreateThread ignores most unknown flags; the emulation refuses them.
TEST_CASE("_beginthreadex with an unknown creation flag fails with EINVAL" * platform_cases::posix_emulation_only) {
    errno = 0;
    CHECK(_beginthreadex(nullptr, 0, return_argument, nullptr, 0x8, nullptr) == 0);
    CHECK(errno == EINVAL);
}
