// Named kernel objects within the process: CreateEventA/W and
// CreateWaitableTimerA/W with a name, OpenEventA/W, OpenWaitableTimerA/W.
// One namespace for every kind; case-sensitive names; the "Global\" and
// "Local\" prefixes; names freed with their objects; Windows' errors for
// bad names. The expected errors were checked against Wine.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "support/platform_cases.hpp"

#include <string>

namespace {

// Closes the handles it was given at the end of the case.
struct Handles {
    HANDLE add(HANDLE handle) {
        if (handle && count < 8) list[count++] = handle;
        return handle;
    }
    ~Handles() {
        for (int i = 0; i < count; ++i) CloseHandle(list[i]);
    }
    HANDLE list[8] = {};
    int count = 0;
};

HANDLE create_event(const char* name, BOOL manual_reset = TRUE, BOOL initially_set = FALSE) {
    SetLastError(1234);
    return CreateEventA(nullptr, manual_reset, initially_set, name);
}

}  // namespace

TEST_CASE("a new name creates the object with ERROR_SUCCESS, and creating it again gives a new handle to it and ERROR_ALREADY_EXISTS") {
    Handles h;
    HANDLE first = h.add(create_event("rasshost-test-event", TRUE, FALSE));
    REQUIRE(first != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    HANDLE second = h.add(create_event("rasshost-test-event", FALSE, TRUE));  // arguments ignored
    REQUIRE(second != nullptr);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    CHECK(second != first);
    CHECK(WaitForSingleObject(second, 0) == WAIT_TIMEOUT);  // not initially set: the first one's state
    CHECK(SetEvent(first));
    CHECK(WaitForSingleObject(second, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(second, 0) == WAIT_OBJECT_0);  // still manual-reset
    CHECK(ResetEvent(second));
    CHECK(WaitForSingleObject(first, 0) == WAIT_TIMEOUT);
}

TEST_CASE("OpenEvent gives a new handle to a named event and leaves the last error alone") {
    Handles h;
    HANDLE event = h.add(create_event("rasshost-test-open"));
    REQUIRE(event != nullptr);
    SetLastError(1234);
    HANDLE opened = h.add(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-open"));
    REQUIRE(opened != nullptr);
    CHECK(GetLastError() == 1234u);
    // Windows enforces the access asked for (the emulation accepts and
    // ignores it): ask for what the case uses.
    HANDLE wide = h.add(OpenEventW(EVENT_MODIFY_STATE | SYNCHRONIZE, TRUE, L"rasshost-test-open"));
    REQUIRE(wide != nullptr);
    CHECK(SetEvent(wide));
    CHECK(WaitForSingleObject(event, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(opened, 0) == WAIT_OBJECT_0);
}

TEST_CASE("closing one of several handles keeps the object and its name") {
    Handles h;
    HANDLE first = create_event("rasshost-test-two-handles");
    REQUIRE(first != nullptr);
    HANDLE second = h.add(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-two-handles"));
    REQUIRE(second != nullptr);
    CHECK(CloseHandle(first));
    CHECK(SetEvent(second));
    HANDLE third = h.add(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-two-handles"));
    REQUIRE(third != nullptr);
    CHECK(WaitForSingleObject(third, 0) == WAIT_OBJECT_0);
}

TEST_CASE("a name is free again once its object's last handle is closed") {
    HANDLE event = create_event("rasshost-test-freed");
    REQUIRE(event != nullptr);
    CHECK(CloseHandle(event));
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-freed") == nullptr);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
    HANDLE timer = CreateWaitableTimerA(nullptr, FALSE, "rasshost-test-freed");  // now any kind may take it
    REQUIRE(timer != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(CloseHandle(timer));
}

TEST_CASE("one namespace for all kinds: another kind's name fails with ERROR_INVALID_HANDLE") {
    Handles h;
    HANDLE event = h.add(create_event("rasshost-test-kind"));
    REQUIRE(event != nullptr);
    SetLastError(1234);
    CHECK(CreateWaitableTimerA(nullptr, TRUE, "rasshost-test-kind") == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(1234);
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "rasshost-test-kind") == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);

    HANDLE timer = h.add(CreateWaitableTimerA(nullptr, TRUE, "rasshost-test-kind-timer"));
    REQUIRE(timer != nullptr);
    CHECK(create_event("rasshost-test-kind-timer") == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-kind-timer") == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("named waitable timers: create, create again, open, and one state behind every handle") {
    Handles h;
    SetLastError(1234);
    HANDLE timer = h.add(CreateWaitableTimerA(nullptr, TRUE, "rasshost-test-timer"));
    REQUIRE(timer != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    HANDLE again = h.add(CreateWaitableTimerW(nullptr, FALSE, L"rasshost-test-timer"));
    REQUIRE(again != nullptr);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    HANDLE opened = h.add(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "rasshost-test-timer"));
    REQUIRE(opened != nullptr);
    HANDLE wide = h.add(OpenWaitableTimerW(TIMER_MODIFY_STATE, FALSE, L"rasshost-test-timer"));
    REQUIRE(wide != nullptr);
    LARGE_INTEGER due;
    due.QuadPart = -10 * 10000;  // 10 ms
    REQUIRE(SetWaitableTimer(wide, &due, 0, nullptr, nullptr, FALSE));
    CHECK(WaitForSingleObject(opened, 10000) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(again, 0) == WAIT_OBJECT_0);  // a notification timer, as first created
    CHECK(WaitForSingleObject(timer, 0) == WAIT_OBJECT_0);
}

TEST_CASE("names are case-sensitive") {
    Handles h;
    HANDLE lower = h.add(create_event("rasshost-test-case"));
    REQUIRE(lower != nullptr);
    HANDLE upper = h.add(create_event("RASSHOST-TEST-CASE"));
    REQUIRE(upper != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CHECK(SetEvent(upper));
    CHECK(WaitForSingleObject(lower, 0) == WAIT_TIMEOUT);
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "Rasshost-Test-Case") == nullptr);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
}

TEST_CASE("the Local prefix names the bare name's object, and so does the Global prefix in session 0, where services run") {
    Handles h;
    HANDLE bare = h.add(create_event("rasshost-test-prefix"));
    REQUIRE(bare != nullptr);
    HANDLE local = h.add(create_event("Local\\rasshost-test-prefix"));
    REQUIRE(local != nullptr);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    HANDLE global = h.add(create_event("Global\\rasshost-test-prefix"));
    REQUIRE(global != nullptr);
    // Outside session 0 (an interactive session on Windows, and Wine) the
    // Global prefix leads to a namespace of its own.
    const DWORD error = GetLastError();
    CHECK(error == (platform_cases::in_session_zero() ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS));
    HANDLE opened = h.add(OpenEventA(EVENT_ALL_ACCESS, FALSE, "Local\\rasshost-test-prefix"));
    CHECK(opened != nullptr);
}

TEST_CASE("the prefixes are case-sensitive and other backslashes fail as paths through missing directories") {
    struct Case {
        const char* name;
        DWORD error;
    } cases[] = {
        {"global\\rasshost-test-path", ERROR_PATH_NOT_FOUND}, {"LOCAL\\rasshost-test-path", ERROR_PATH_NOT_FOUND},
        {"rasshost\\test-path", ERROR_PATH_NOT_FOUND},        {"Global\\rasshost\\test-path", ERROR_PATH_NOT_FOUND},
        {"\\rasshost-test-path", ERROR_BAD_PATHNAME},         {"Global\\", ERROR_INVALID_NAME},
        {"Local\\", ERROR_INVALID_NAME},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(create_event(c.name) == nullptr);
        CHECK(GetLastError() == c.error);
    }
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost\\test-path") == nullptr);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
    Handles h;
    CHECK(h.add(create_event("rasshost/test-path")) != nullptr);  // a forward slash is an ordinary character
    CHECK(GetLastError() == ERROR_SUCCESS);
}

TEST_CASE("an ANSI name of MAX_PATH characters or more fails with ERROR_FILENAME_EXCED_RANGE, wide names may be longer") {
    Handles h;
    const std::string longest(MAX_PATH - 1, 'n');
    CHECK(h.add(create_event(longest.c_str())) != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    const std::string too_long(MAX_PATH, 'n');
    CHECK(create_event(too_long.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_FILENAME_EXCED_RANGE);
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, too_long.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_FILENAME_EXCED_RANGE);
    const std::wstring wide(999, L'w');
    SetLastError(1234);
    CHECK(h.add(CreateEventW(nullptr, TRUE, FALSE, wide.c_str())) != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
}

TEST_CASE("a NULL or empty name creates an unnamed object, and opening NULL or an empty name fails") {
    Handles h;
    for (const char* name : {static_cast<const char*>(nullptr), ""}) {
        HANDLE a = h.add(create_event(name));
        REQUIRE(a != nullptr);
        CHECK(GetLastError() == ERROR_SUCCESS);
        HANDLE b = h.add(create_event(name));
        REQUIRE(b != nullptr);
        CHECK(GetLastError() == ERROR_SUCCESS);
        CHECK(SetEvent(a));
        CHECK(WaitForSingleObject(b, 0) == WAIT_TIMEOUT);
    }
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    SetLastError(1234);
    CHECK(OpenEventW(EVENT_ALL_ACCESS, FALSE, nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    SetLastError(1234);
    CHECK(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "") == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(1234);
    CHECK(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-nothing") == nullptr);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
    SetLastError(1234);
    CHECK(OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"rasshost-test-nothing") == nullptr);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
}

TEST_CASE("wide and ANSI names meet in one namespace") {
    Handles h;
    HANDLE wide = h.add(CreateEventW(nullptr, TRUE, FALSE, L"rasshost-test-w\u00e9"));
    REQUIRE(wide != nullptr);
    HANDLE narrow = h.add(OpenEventW(EVENT_ALL_ACCESS, FALSE, L"rasshost-test-w\u00e9"));
    REQUIRE(narrow != nullptr);
    CHECK(SetEvent(narrow));
    CHECK(WaitForSingleObject(wide, 0) == WAIT_OBJECT_0);
    HANDLE ascii = h.add(CreateEventW(nullptr, TRUE, FALSE, L"rasshost-test-ascii"));
    REQUIRE(ascii != nullptr);
    HANDLE ansi = h.add(OpenEventA(EVENT_ALL_ACCESS, FALSE, "rasshost-test-ascii"));
    CHECK(ansi != nullptr);
}

// ---- named mutexes and semaphores ----
// Names carry the process id: under Wine, names are shared by every process
// of the prefix, and the suites run in parallel.

namespace {

std::string unique_name(const char* base) { return std::string(base) + "-" + std::to_string(GetCurrentProcessId()); }

}  // namespace

TEST_CASE("a named mutex: the second create and OpenMutex give handles to the one mutex, and bInitialOwner is ignored then") {
    Handles h;
    const std::string name = unique_name("rasshost-test-mutex");
    SetLastError(1234);
    HANDLE first = h.add(CreateMutexA(nullptr, TRUE, name.c_str()));
    REQUIRE(first != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    SetLastError(1234);
    HANDLE second = h.add(CreateMutexA(nullptr, FALSE, name.c_str()));
    REQUIRE(second != nullptr);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    HANDLE opened = h.add(OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, name.c_str()));
    REQUIRE(opened != nullptr);
    CHECK(WaitForSingleObject(second, 0) == WAIT_OBJECT_0);  // ours already: recursion 2
    CHECK(ReleaseMutex(opened));
    CHECK(ReleaseMutex(first));
    SetLastError(0);
    CHECK_FALSE(ReleaseMutex(second));
    CHECK(GetLastError() == ERROR_NOT_OWNER);
}

TEST_CASE("a named semaphore: the second create ignores its counts, OpenSemaphore shares the count") {
    Handles h;
    const std::string name = unique_name("rasshost-test-semaphore");
    SetLastError(1234);
    HANDLE first = h.add(CreateSemaphoreA(nullptr, 1, 2, name.c_str()));
    REQUIRE(first != nullptr);
    CHECK(GetLastError() == ERROR_SUCCESS);
    SetLastError(1234);
    HANDLE second = h.add(CreateSemaphoreW(nullptr, 0, 9, std::wstring(name.begin(), name.end()).c_str()));
    REQUIRE(second != nullptr);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    HANDLE opened = h.add(OpenSemaphoreA(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, FALSE, name.c_str()));
    REQUIRE(opened != nullptr);
    CHECK(WaitForSingleObject(second, 0) == WAIT_OBJECT_0);
    CHECK(WaitForSingleObject(first, 0) == WAIT_TIMEOUT);
    LONG previous = -1;
    CHECK(ReleaseSemaphore(opened, 2, &previous));
    CHECK(previous == 0);
    SetLastError(0);
    CHECK_FALSE(ReleaseSemaphore(first, 1, nullptr));  // the maximum is still 2
    CHECK(GetLastError() == ERROR_TOO_MANY_POSTS);
}

TEST_CASE("mutexes and semaphores share the namespace with events: another kind's name fails with ERROR_INVALID_HANDLE") {
    Handles h;
    const std::string event_name = unique_name("rasshost-test-kinds-event");
    const std::string mutex_name = unique_name("rasshost-test-kinds-mutex");
    REQUIRE(h.add(create_event(event_name.c_str())) != nullptr);
    REQUIRE(h.add(CreateMutexA(nullptr, FALSE, mutex_name.c_str())) != nullptr);
    SetLastError(0);
    CHECK(CreateMutexA(nullptr, FALSE, event_name.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK(CreateSemaphoreA(nullptr, 0, 1, mutex_name.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK(OpenSemaphoreA(SYNCHRONIZE, FALSE, mutex_name.c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK(OpenMutexW(SYNCHRONIZE, FALSE, std::wstring(event_name.begin(), event_name.end()).c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(0);
    CHECK(OpenMutexA(SYNCHRONIZE, FALSE, unique_name("rasshost-test-no-such-mutex").c_str()) == nullptr);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
}
