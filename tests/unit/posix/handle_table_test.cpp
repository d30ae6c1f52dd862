// The slot-array handle table (src/posix/win32/handles/handle_table.hpp): a HANDLE names
// a slot and the generation of its use. A stale handle is rejected even
// after its slot has been reused, thousands of handles fit in bounded
// memory, running out of memory gives ERROR_NOT_ENOUGH_MEMORY, and lookups
// racing CloseHandle on other threads are safe (run under TSan and ASan).
#include <doctest/doctest.h>

#include "support/sanitizers.hpp"
#include <rasshost/win32.h>

#include "posix/win32/handles/handle_value.hpp"
#include "../event_array.hpp"
#include "../wait_probe.hpp"
#include <rasshost/event.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <set>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace handle_value = rasshost::posix::handle_value;

namespace {

std::uintptr_t value_of(HANDLE handle) { return reinterpret_cast<std::uintptr_t>(handle); }
std::uint32_t slot_of(HANDLE handle) { return handle_value::index_of(value_of(handle)); }
std::uint64_t generation_of(HANDLE handle) { return handle_value::generation_of(value_of(handle)); }

// Every handle-taking call on a handle that must be dead.
void check_rejected(HANDLE handle) {
    SetLastError(NO_ERROR);
    CHECK(SetEvent(handle) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(NO_ERROR);
    CHECK(WaitForSingleObject(handle, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(NO_ERROR);
    CHECK(WaitForMultipleObjects(1, &handle, FALSE, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(NO_ERROR);
    CHECK(CloseHandle(handle) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

using test_build::sanitized;

}  // namespace

TEST_CASE("a closed handle stays invalid after its slot is reused by a new handle") {
    HANDLE old_handle = CreateEventA(nullptr, TRUE, TRUE, nullptr);  // signalled: a wrong hit would show
    REQUIRE(old_handle != nullptr);
    REQUIRE(CloseHandle(old_handle));
    HANDLE new_handle = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(new_handle != nullptr);
    // With no other thread reading handles, the slot is recycled at once.
    CHECK(slot_of(new_handle) == slot_of(old_handle));
    CHECK(generation_of(new_handle) == generation_of(old_handle) + 1);
    check_rejected(old_handle);
    CHECK(WaitForSingleObject(new_handle, 0) == WAIT_OBJECT_0);
    CHECK(CloseHandle(new_handle));
    check_rejected(new_handle);
}

TEST_CASE("handle values are 4 modulo 8, and the value with other low bits is not a handle") {
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(event != nullptr);
    CHECK(value_of(event) % 8 == 4);  // a multiple of 4, never an HMODULE (64 KiB multiples) or an 8-aligned pointer
    CHECK(event != INVALID_HANDLE_VALUE);
    for (std::uintptr_t low : {1u, 2u, 3u}) check_rejected(reinterpret_cast<HANDLE>(value_of(event) | low));
    check_rejected(reinterpret_cast<HANDLE>(value_of(event) & ~std::uintptr_t{7}));
    // Same slot, other generations: never issued yet, or never at all.
    check_rejected(reinterpret_cast<HANDLE>(handle_value::encode(slot_of(event), generation_of(event) + 1)));
    check_rejected(reinterpret_cast<HANDLE>(handle_value::encode(slot_of(event), 0)));
    // (-1, the current process, is closable: CloseHandle ignores it.)
    for (HANDLE pseudo : {reinterpret_cast<HANDLE>(-2), reinterpret_cast<HANDLE>(-3)}) check_rejected(pseudo);
    check_rejected(reinterpret_cast<HANDLE>(GetModuleHandleA(nullptr)));  // an HMODULE is not a HANDLE
    CHECK(WaitForSingleObject(event, 0) == WAIT_OBJECT_0);  // the real one still works
    CHECK(CloseHandle(event));
}

TEST_CASE("a handle that differs from an open one only in index bits above the table's size is rejected, alone or among 64") {
    // Lookups mask a handle's index to the table's (power-of-two) size, so
    // these values land on the open event's own slot: its tag must still
    // tell them apart.
    Events events(64, TRUE, TRUE);  // all signalled: a wrong hit would show as success
    HANDLE event = events[10];
    for (std::uint32_t high : {1u << 16, 1u << 20, 1u << 23, handle_value::index_mask ^ 1}) {
        const std::uint32_t index = slot_of(event) | high;
        if (index == slot_of(event)) continue;
        HANDLE alias = reinterpret_cast<HANDLE>(handle_value::encode(index, generation_of(event)));
        check_rejected(alias);
        for (DWORD position : {0u, 10u, 63u}) {
            std::vector<HANDLE> handles(events.data(), events.data() + 64);
            handles[position] = alias;
            for (BOOL all : {FALSE, TRUE}) {
                SetLastError(NO_ERROR);
                CHECK(WaitForMultipleObjects(64, handles.data(), all, 0) == WAIT_FAILED);
                CHECK(GetLastError() == ERROR_INVALID_HANDLE);
            }
        }
    }
    CHECK(WaitForMultipleObjects(64, events.data(), FALSE, 0) == WAIT_OBJECT_0);  // the real ones still work
}

TEST_CASE("an Event whose handle was closed behind its back does not signal the next handle in its slot") {
    // Waits read each state from the handle's slot (a copy the wait
    // subsystem keeps): closing the handle must cut the object off from
    // the slot before a new handle can take it.
    rasshost::Event event(rasshost::EventReset::manual);
    HANDLE old_handle = event.native_handle();
    REQUIRE(CloseHandle(old_handle));
    HANDLE reused = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(reused != nullptr);
    CHECK(slot_of(reused) == slot_of(old_handle));  // no other reader: the slot is recycled at once
    event.set();
    CHECK(event.wait_for(std::chrono::nanoseconds::zero()));  // the Event itself still works
    CHECK(WaitForSingleObject(reused, 0) == WAIT_TIMEOUT);
    HANDLE pair[] = {reused, reused};
    CHECK(WaitForMultipleObjects(2, pair, FALSE, 0) == WAIT_TIMEOUT);
    CHECK(SetEvent(reused));
    event.reset();
    CHECK(WaitForMultipleObjects(2, pair, FALSE, 0) == WAIT_OBJECT_0);
    CHECK(CloseHandle(reused));
}

TEST_CASE("a new event's handle starts with its initial state and follows set, reset and pulse, alone and in a wait over 64") {
    for (BOOL initially : {FALSE, TRUE}) {
        Events events(64, TRUE, FALSE);
        HANDLE fresh = CreateEventA(nullptr, TRUE, initially, nullptr);
        REQUIRE(fresh != nullptr);
        std::vector<HANDLE> handles(events.data(), events.data() + 63);
        handles.push_back(fresh);
        const DWORD set_result = WAIT_OBJECT_0 + 63;
        CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == (initially ? set_result : WAIT_TIMEOUT));
        CHECK(SetEvent(fresh));
        CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == set_result);
        CHECK(ResetEvent(fresh));
        CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_TIMEOUT);
        CHECK(PulseEvent(fresh));  // releases nobody, leaves it unsignalled
        CHECK(WaitForMultipleObjects(64, handles.data(), FALSE, 0) == WAIT_TIMEOUT);
        CHECK(WaitForSingleObject(fresh, 0) == WAIT_TIMEOUT);
        CHECK(CloseHandle(fresh));
    }
}

TEST_CASE("the process heap handle cannot be waited on, set or closed") {
    HANDLE heap = GetProcessHeap();
    REQUIRE(heap != nullptr);
    SetLastError(NO_ERROR);
    CHECK(WaitForSingleObject(heap, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(NO_ERROR);
    CHECK(WaitForMultipleObjects(1, &heap, TRUE, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    SetLastError(NO_ERROR);
    CHECK(SetEvent(heap) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(CloseHandle(heap) == FALSE);
    CHECK(HeapFree(heap, 0, HeapAlloc(heap, 0, 16)) == TRUE);
}

TEST_CASE("10,000 open events (one per dialog) are distinct and usable, and the next 10,000 reuse their slots") {
    constexpr int count = 10000;
    std::uint32_t highest_slot = 0;
    for (int round = 0; round < 2; ++round) {
        std::vector<HANDLE> events;
        for (int i = 0; i < count; ++i) {
            events.push_back(CreateEventA(nullptr, FALSE, FALSE, nullptr));
            REQUIRE(events.back() != nullptr);
        }
        CHECK(std::set<HANDLE>(events.begin(), events.end()).size() == events.size());
        for (int i = 0; i < count; i += 7) CHECK(SetEvent(events[static_cast<std::size_t>(i)]));
        for (int i = 0; i < count; ++i)
            CHECK(WaitForSingleObject(events[static_cast<std::size_t>(i)], 0) == (i % 7 == 0 ? WAIT_OBJECT_0 : WAIT_TIMEOUT));
        // A wait over 64 of the last ones (far from the first slots).
        CHECK(SetEvent(events[count - 2]));
        CHECK(WaitForMultipleObjects(64, &events[count - 64], FALSE, 0) == WAIT_OBJECT_0 + 62);
        const std::uint32_t highest =
            slot_of(*std::max_element(events.begin(), events.end(), [](HANDLE a, HANDLE b) { return slot_of(a) < slot_of(b); }));
        if (round == 0) {
            highest_slot = highest;
        } else {
            CHECK(highest <= highest_slot);  // closed slots were reused: memory stays bounded by the peak
        }
        for (HANDLE event : events) CHECK(CloseHandle(event));
        check_rejected(events.front());
        check_rejected(events.back());
    }
}

TEST_CASE("stale handles never name new objects while another thread keeps reusing their slots") {
    HANDLE first_stale = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    REQUIRE(CloseHandle(first_stale));
    std::atomic<HANDLE> last_closed{first_stale};
    std::atomic<bool> stop{false};
    std::atomic<int> reused{0};
    // The churn opens events (signalled: a false hit would be seen) and
    // closes them at once: their slots are reused over and over.
    std::thread churn([&] {
        while (!stop.load()) {
            HANDLE fresh = CreateEventA(nullptr, TRUE, TRUE, nullptr);
            if (generation_of(fresh) > 1) reused.fetch_add(1);  // a slot that held earlier handles
            CloseHandle(fresh);
            last_closed.store(fresh);
        }
    });
    // Every handle polled here is closed; its slot may already hold a newer
    // event. Poll until many slots have been reused and enough polls were
    // made (or, on a machine too loaded to schedule the churn, for at most
    // the patience).
    int failures = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_probe::patience_ms);
    for (int i = 0; (reused.load() < 1000 || i < 20000) && std::chrono::steady_clock::now() < give_up; ++i) {
        HANDLE stale = i % 2 ? last_closed.load() : first_stale;
        HANDLE pair[] = {stale, stale};
        failures += WaitForSingleObject(stale, 0) != WAIT_FAILED;
        failures += WaitForMultipleObjects(2, pair, FALSE, 0) != WAIT_FAILED;
        failures += SetEvent(stale) != FALSE;
    }
    stop.store(true);
    churn.join();
    CHECK(failures == 0);
    CHECK(reused.load() >= 1000);  // slots really were reused meanwhile
}

TEST_CASE("CloseHandle racing lookups and waits on other threads: each call succeeds or fails cleanly, one close wins") {
    constexpr int rounds = 300;
    constexpr int handles = 64;
    for (int round = 0; round < rounds; ++round) {
        std::vector<HANDLE> events;
        for (int i = 0; i < handles; ++i) events.push_back(CreateEventA(nullptr, i % 2, i == handles - 1, nullptr));
        std::atomic<int> ready{0};
        std::atomic<int> bad{0};
        std::atomic<int> closes_won{0};
        auto start = [&] {
            ready.fetch_add(1);
            while (ready.load() < 4) std::this_thread::yield();
        };
        std::thread waiter([&] {
            start();
            for (int i = 0; i < 50; ++i) {
                const DWORD r = WaitForMultipleObjects(handles, events.data(), FALSE, i % 3 == 0 ? 1 : 0);
                if (r == WAIT_FAILED ? GetLastError() != ERROR_INVALID_HANDLE
                                     : !(r == WAIT_TIMEOUT || r < WAIT_OBJECT_0 + handles))
                    bad.fetch_add(1);
            }
        });
        std::thread setter([&] {
            start();
            for (int i = 0; i < 200; ++i) {
                HANDLE e = events[static_cast<std::size_t>(i % handles)];
                if (!SetEvent(e) && GetLastError() != ERROR_INVALID_HANDLE) bad.fetch_add(1);
                if (WaitForSingleObject(e, 0) == WAIT_FAILED && GetLastError() != ERROR_INVALID_HANDLE) bad.fetch_add(1);
            }
        });
        std::thread closers[2];
        for (auto& closer : closers)
            closer = std::thread([&] {
                start();
                for (HANDLE e : events) closes_won.fetch_add(CloseHandle(e) ? 1 : 0);
            });
        waiter.join();
        setter.join();
        for (auto& closer : closers) closer.join();
        REQUIRE(bad.load() == 0);
        REQUIRE(closes_won.load() == handles);  // every handle closed exactly once
    }
}

TEST_CASE("a thread blocked on 8 handles, 7 of them closed by another thread, keeps the objects alive and is woken") {
    HANDLE events[8];
    for (HANDLE& e : events) e = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    HANDLE keep = events[5];
    DWORD result = 0;
    std::thread waiter([&] { result = WaitForMultipleObjects(8, events, FALSE, wait_probe::patience_ms); });
    REQUIRE(wait_probe::wait_for_waiters(keep, 1));
    for (HANDLE e : events)
        if (e != keep) CHECK(CloseHandle(e));
    CHECK(SetEvent(keep));
    waiter.join();
    CHECK(result == WAIT_OBJECT_0 + 5);
    CHECK(CloseHandle(keep));
}

TEST_CASE("CreateEvent fails with ERROR_NOT_ENOUGH_MEMORY when memory runs out, and recovers once handles are closed") {
    if (sanitized) return;  // sanitizer allocators and shadow memory do not honour RLIMIT_DATA the same way
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // In the child: cap the data segment (the heap and private writable
        // mappings, which includes the slot array's committed part) a
        // little above what is used now.
        std::vector<HANDLE> events;
        events.reserve(4u << 20);
        long data_kib = 0;
        if (FILE* f = std::fopen("/proc/self/status", "r")) {
            char line[256];
            while (std::fgets(line, sizeof line, f))
                if (std::sscanf(line, "VmData: %ld kB", &data_kib) == 1) break;
            std::fclose(f);
        }
        const rlim_t cap = static_cast<rlim_t>(data_kib) * 1024 + (64u << 20);
        rlimit limit{cap, cap};
        if (data_kib == 0 || setrlimit(RLIMIT_DATA, &limit) != 0) _exit(2);
        DWORD error = 0;
        for (std::size_t i = 0; i < (4u << 20); ++i) {
            HANDLE e = CreateEventA(nullptr, FALSE, FALSE, nullptr);
            if (!e) {
                error = GetLastError();
                break;
            }
            events.push_back(e);
        }
        if (error != ERROR_NOT_ENOUGH_MEMORY) _exit(3);
        for (std::size_t i = 0; i < 1000 && i < events.size(); ++i) CloseHandle(events[i]);
        HANDLE again = CreateEventA(nullptr, FALSE, FALSE, nullptr);  // a freed slot and its memory are reused
        _exit(again != nullptr && WaitForSingleObject(again, 0) == WAIT_TIMEOUT ? 0 : 4);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
