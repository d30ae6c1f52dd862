// The slot-array handle table (src/posix/win32/handles/handle_table.hpp): a HANDLE names
// a slot and the generation of its use. A stale handle is rejected even
// after its slot has been reused, until the slot's generations come back
// around; values stay below 2^31; closed slots are reused in FIFO order;
// thousands of handles fit in bounded memory, running out of memory gives
// ERROR_NOT_ENOUGH_MEMORY, and lookups racing CloseHandle on other threads
// are safe (run under TSan and ASan).
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
std::uint32_t generation_of(HANDLE handle) { return handle_value::generation_of(value_of(handle)); }

// Creates and closes events until one lands in `old`'s slot (closed slots
// wait in a FIFO, so this takes up to a few thousand rounds), and returns
// it open; nullptr if that never happens.
HANDLE reuse_slot_of(HANDLE old, BOOL manual, BOOL initially) {
    for (std::uint32_t i = 0; i < 16 * handle_value::reuse_delay; ++i) {
        HANDLE fresh = CreateEventA(nullptr, manual, initially, nullptr);
        if (!fresh) return nullptr;
        if (slot_of(fresh) == slot_of(old)) return fresh;
        CloseHandle(fresh);
    }
    return nullptr;
}

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
    HANDLE new_handle = reuse_slot_of(old_handle, TRUE, TRUE);
    REQUIRE(new_handle != nullptr);
    CHECK(generation_of(new_handle) == generation_of(old_handle) + 1);
    check_rejected(old_handle);
    CHECK(WaitForSingleObject(new_handle, 0) == WAIT_OBJECT_0);
    CHECK(CloseHandle(new_handle));
    check_rejected(new_handle);
}

TEST_CASE("handle values are multiples of 4 below 2^31, and a value with a higher bit set is not a handle") {
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    REQUIRE(event != nullptr);
    CHECK(value_of(event) % 4 == 0);
    CHECK(value_of(event) < (std::uintptr_t{1} << 31));
    CHECK(generation_of(event) != 0);  // so the value is at least 2^20: small integers never name a handle
    for (unsigned bit : {31u, 32u, 40u, 63u}) check_rejected(reinterpret_cast<HANDLE>(value_of(event) | std::uintptr_t{1} << bit));
    // Same slot, other generations: never issued yet, or never at all.
    check_rejected(reinterpret_cast<HANDLE>(handle_value::encode(slot_of(event), generation_of(event) + 1)));
    check_rejected(reinterpret_cast<HANDLE>(handle_value::encode(slot_of(event), 0)));
    // (-1, the current process, is closable: CloseHandle ignores it; -2 is
    // GetCurrentThread()'s pseudo-handle, a thread handle.)
    check_rejected(reinterpret_cast<HANDLE>(-3));
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
    for (std::uint32_t high : {1u << 12, 1u << 16, 1u << 17, handle_value::index_mask ^ 1}) {
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
    HANDLE reused = reuse_slot_of(old_handle, TRUE, FALSE);
    REQUIRE(reused != nullptr);
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
            // Closed slots were reused: memory stays bounded by the peak plus
            // the slots held back before reuse.
            CHECK(highest <= highest_slot + handle_value::reuse_delay);
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
    // Stopped before any slot could come back around to a polled value.
    constexpr std::uint32_t most_rounds = handle_value::reuse_delay * (handle_value::max_generation - 1);
    std::thread churn([&] {
        for (std::uint32_t round = 0; !stop.load() && round < most_rounds; ++round) {
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

TEST_CASE("a stale value is refused until its slot comes back around, and every value stays below 2^31") {
    HANDLE stale = CreateEventA(nullptr, TRUE, TRUE, nullptr);  // signalled: a wrong hit would show
    REQUIRE(stale != nullptr);
    REQUIRE(CloseHandle(stale));
    // Each round creates and closes one handle, as a server does for months.
    // The slot comes back once per pass over the queue of closed slots (its
    // length is the rounds until the first reuse), one generation further
    // each time, so the value itself comes back after max_generation passes.
    const std::uint64_t at_least = std::uint64_t{handle_value::reuse_delay} * (handle_value::max_generation - 1);
    std::uint64_t rounds = 0;
    std::uint64_t first_reuse = 0;
    bool below_2_31 = true;
    int false_hits = 0;
    HANDLE fresh = nullptr;
    for (;; ++rounds) {
        fresh = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        REQUIRE(fresh != nullptr);
        below_2_31 = below_2_31 && value_of(fresh) < (std::uintptr_t{1} << 31);
        if (fresh == stale) break;
        if (first_reuse == 0 && slot_of(fresh) == slot_of(stale)) first_reuse = rounds + 1;
        if (first_reuse != 0 && rounds > first_reuse * (handle_value::max_generation + 1)) break;  // never came back
        REQUIRE(CloseHandle(fresh));
        if (rounds % 4096 == 0) false_hits += WaitForSingleObject(stale, 0) != WAIT_FAILED;
        // Two million rounds take half a minute under a sanitizer: there,
        // only the first passes over the queue are checked.
        if (sanitized && rounds == 64 * std::uint64_t{handle_value::reuse_delay}) break;
    }
    CHECK(below_2_31);
    CHECK(false_hits == 0);
    CHECK(first_reuse > handle_value::reuse_delay);
    if (sanitized) return;  // (the last handle is closed: the loop ended after its close)
    REQUIRE(fresh == stale);  // it did come back around
    CHECK(rounds >= at_least);
    // The value now names the new, unsignalled event: a stale user sees it.
    CHECK(WaitForSingleObject(stale, 0) == WAIT_TIMEOUT);
    CHECK(CloseHandle(fresh));
}

TEST_CASE("closed slots are reused first closed, first reused, while more than reuse_delay of them wait") {
    // Open enough handles that closing them fills the queue past the delay.
    const std::uint32_t count = handle_value::reuse_delay + 100;
    std::vector<HANDLE> opened;
    for (std::uint32_t i = 0; i < count; ++i) {
        opened.push_back(CreateEventA(nullptr, FALSE, FALSE, nullptr));
        REQUIRE(opened.back() != nullptr);
    }
    // Closed in a shuffled order: reuse must follow the closing order.
    std::vector<HANDLE> closing_order;
    for (std::uint32_t i = 0; i < count; i += 2) closing_order.push_back(opened[i]);
    for (std::uint32_t i = count; i-- > 0;)
        if (i % 2) closing_order.push_back(opened[i]);
    std::set<std::uint32_t> ours;
    for (HANDLE h : closing_order) {
        ours.insert(slot_of(h));
        REQUIRE(CloseHandle(h));
    }
    // Slots closed earlier (by other cases run in this process) come first;
    // then ours, in closing order, until only reuse_delay of them wait; then
    // fresh slots (generation 1), never used before.
    std::vector<HANDLE> reopened;
    std::vector<HANDLE> ours_reused;
    HANDLE next = nullptr;
    for (std::uint32_t i = 0; i < 64 * count; ++i) {
        next = CreateEventA(nullptr, FALSE, FALSE, nullptr);
        REQUIRE(next != nullptr);
        reopened.push_back(next);
        if (generation_of(next) == 1) break;
        if (ours.count(slot_of(next))) ours_reused.push_back(next);
    }
    CHECK(generation_of(next) == 1);
    REQUIRE(ours_reused.size() == count - handle_value::reuse_delay);
    for (std::size_t i = 0; i < ours_reused.size(); ++i) {
        CHECK(slot_of(ours_reused[i]) == slot_of(closing_order[i]));
        CHECK(generation_of(ours_reused[i]) == handle_value::next_generation(generation_of(closing_order[i])));
    }
    for (HANDLE h : reopened) CHECK(CloseHandle(h));
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
