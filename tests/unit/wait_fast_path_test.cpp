// Waits that need not sleep keep the exact Win32 rules (the POSIX backend
// answers them from a lock-free snapshot, src/posix/win32/sync/wait_now.hpp): the
// lowest signalled index wins a wait-any, also while another thread changes
// the states; a manual-reset event or an ended thread is not consumed; an
// auto-reset event goes to exactly one of several racing waiters; a
// wait-all takes all or nothing. The same for the C API and rasshost::Event.
#include <doctest/doctest.h>
#include <rasshost/event.hpp>
#include <rasshost/win32.h>

#include "event_array.hpp"
#include "wait_probe.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using wait_probe::patience_ms;

namespace {

DWORD WINAPI return_at_once(LPVOID) { return 0; }

}  // namespace

TEST_CASE("wait-any over 64 manual-reset events returns the lowest signalled index and consumes nothing") {
    Events e(64, TRUE);
    for (std::size_t i : {63u, 40u, 17u}) SetEvent(e[i]);
    for (int round = 0; round < 3; ++round) CHECK(WaitForMultipleObjects(64, e.data(), FALSE, 0) == WAIT_OBJECT_0 + 17);
    CHECK(WaitForMultipleObjects(64, e.data(), FALSE, INFINITE) == WAIT_OBJECT_0 + 17);
    ResetEvent(e[17]);
    CHECK(WaitForMultipleObjects(64, e.data(), FALSE, 0) == WAIT_OBJECT_0 + 40);
    ResetEvent(e[40]);
    ResetEvent(e[63]);
    CHECK(WaitForMultipleObjects(64, e.data(), FALSE, 0) == WAIT_TIMEOUT);
}

TEST_CASE("wait-any takes an auto-reset event signalled below a manual-reset one, and only that one") {
    Events manual(8, TRUE);
    Events automatic(1, FALSE);
    std::vector<HANDLE> mixed(manual.handles);
    mixed[3] = automatic[0];
    SetEvent(mixed[3]);
    SetEvent(mixed[7]);
    CHECK(WaitForMultipleObjects(8, mixed.data(), FALSE, 0) == WAIT_OBJECT_0 + 3);
    CHECK(WaitForMultipleObjects(8, mixed.data(), FALSE, 0) == WAIT_OBJECT_0 + 7);  // 3 was taken
    CHECK(WaitForMultipleObjects(8, mixed.data(), FALSE, 0) == WAIT_OBJECT_0 + 7);  // 7 stays set
}

TEST_CASE("wait-all over 64 set manual-reset events succeeds without consuming, and times out while one is unset") {
    Events e(64, TRUE);
    for (HANDLE h : e.handles) SetEvent(h);
    CHECK(WaitForMultipleObjects(64, e.data(), TRUE, 0) == WAIT_OBJECT_0);
    CHECK(WaitForMultipleObjects(64, e.data(), TRUE, INFINITE) == WAIT_OBJECT_0);
    ResetEvent(e[40]);
    CHECK(WaitForMultipleObjects(64, e.data(), TRUE, 0) == WAIT_TIMEOUT);
    SetEvent(e[40]);
    CHECK(WaitForMultipleObjects(64, e.data(), TRUE, 0) == WAIT_OBJECT_0);
}

TEST_CASE("an ended thread satisfies a wait-any at its index and stays signalled") {
    Events e(3, FALSE);
    HANDLE thread = CreateThread(nullptr, 0, return_at_once, nullptr, 0, nullptr);
    REQUIRE(thread != nullptr);
    REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
    HANDLE handles[] = {e[0], e[1], thread, e[2]};
    CHECK(WaitForMultipleObjects(4, handles, FALSE, 0) == WAIT_OBJECT_0 + 2);
    CHECK(WaitForMultipleObjects(4, handles, FALSE, 0) == WAIT_OBJECT_0 + 2);
    SetEvent(e[1]);
    CHECK(WaitForMultipleObjects(4, handles, FALSE, 0) == WAIT_OBJECT_0 + 1);
    CloseHandle(thread);
}

// Another thread keeps "the last is set => the first is set" true at every
// instant: it sets the first before the last and resets the last before the
// first. A wait-any that reads the states one by one without a consistent
// snapshot could see the first unset, then the last set, and report the
// last index: that must never happen.
TEST_CASE("a zero-timeout wait-any never reports the last index while the first is set, under concurrent changes") {
    Events e(64, TRUE);
    std::atomic<bool> stop{false};
    std::thread changer([&] {
        while (!stop.load()) {
            SetEvent(e[0]);
            SetEvent(e[63]);
            ResetEvent(e[63]);
            ResetEvent(e[0]);
        }
    });
    int wrong = 0, saw_first = 0;
    for (int i = 0; i < 100000; ++i) {
        const DWORD r = WaitForMultipleObjects(64, e.data(), FALSE, 0);
        wrong += r == WAIT_OBJECT_0 + 63 || !(r == WAIT_OBJECT_0 || r == WAIT_TIMEOUT);
        saw_first += r == WAIT_OBJECT_0;
    }
    stop.store(true);
    changer.join();
    CHECK(wrong == 0);
    MESSAGE("index 0 seen in " << saw_first << " of 100000 polls");
}

TEST_CASE("rasshost::wait_any never reports the last index while the first is set, under concurrent changes") {
    std::vector<rasshost::Event> events;
    events.reserve(64);
    std::array<rasshost::Event*, 64> pointers{};
    for (std::size_t i = 0; i < 64; ++i) {
        events.emplace_back(rasshost::EventReset::manual);
        pointers[i] = &events[i];
    }
    std::atomic<bool> stop{false};
    std::thread changer([&] {
        while (!stop.load()) {
            events[0].set();
            events[63].set();
            events[63].reset();
            events[0].reset();
        }
    });
    int wrong = 0;
    for (int i = 0; i < 100000; ++i) {
        const auto r = rasshost::wait_any(pointers, 0ns);
        wrong += r && *r != 0;
    }
    stop.store(true);
    changer.join();
    CHECK(wrong == 0);
}

// One auto-reset event among 64 handles; pollers and sleepers race for it.
// The setter sets it again only once the previous signal was taken: every
// signal must be taken exactly once.
TEST_CASE("an auto-reset event in a wait-any over 64 is taken exactly once per set by racing pollers and sleepers") {
    Events manual(64, TRUE);
    Events automatic(1, FALSE);
    std::vector<HANDLE> handles(manual.handles);
    constexpr std::size_t target = 10;
    handles[target] = automatic[0];
    constexpr int sets = 2000;
    std::atomic<int> taken{0};
    std::atomic<int> wrong{0};
    std::atomic<bool> stop{false};
    auto racer = [&](DWORD timeout) {
        while (!stop.load()) {
            const DWORD r = WaitForMultipleObjects(64, handles.data(), FALSE, timeout);
            if (r == WAIT_OBJECT_0 + target) {
                taken.fetch_add(1);
            } else if (r != WAIT_TIMEOUT) {
                wrong.fetch_add(1);
            }
        }
    };
    std::vector<std::thread> racers;
    for (DWORD timeout : {0u, 0u, 5u, 5u}) racers.emplace_back(racer, timeout);
    int overshoot = 0;
    for (int i = 0; i < sets; ++i) {
        SetEvent(automatic[0]);
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(patience_ms);
        while (taken.load() < i + 1 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
        overshoot += taken.load() > i + 1;
    }
    stop.store(true);
    for (auto& t : racers) t.join();
    CHECK(taken.load() == sets);
    CHECK(overshoot == 0);
    CHECK(wrong.load() == 0);
    CHECK(WaitForSingleObject(automatic[0], 0) == WAIT_TIMEOUT);  // nothing left over
}

TEST_CASE("an automatic rasshost::Event in a wait_any over 64 is taken exactly once per set by racing waiters") {
    std::vector<rasshost::Event> events;
    events.reserve(64);
    std::array<rasshost::Event*, 64> pointers{};
    for (std::size_t i = 0; i < 64; ++i) {
        events.emplace_back(i == 10 ? rasshost::EventReset::automatic : rasshost::EventReset::manual);
        pointers[i] = &events[i];
    }
    constexpr int sets = 2000;
    std::atomic<int> taken{0};
    std::atomic<bool> stop{false};
    auto racer = [&](std::chrono::nanoseconds timeout) {
        while (!stop.load())
            if (rasshost::wait_any(pointers, timeout) == std::optional<std::size_t>(10)) taken.fetch_add(1);
    };
    std::vector<std::thread> racers;
    for (auto timeout : {0ns, 0ns, std::chrono::nanoseconds(5ms)}) racers.emplace_back(racer, timeout);
    for (int i = 0; i < sets; ++i) {
        events[10].set();
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(patience_ms);
        while (taken.load() < i + 1 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
    }
    stop.store(true);
    for (auto& t : racers) t.join();
    CHECK(taken.load() == sets);
    CHECK(!events[10].wait_for(0ns));
}
