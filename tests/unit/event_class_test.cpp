// rasshost::Event, wait_any and wait_all: the C++ face of the same Win32
// rules, plus what only the C++ API offers (nanosecond timeouts, RAII,
// exceptions for misuse) and interplay with the C API via native_handle().
#include <doctest/doctest.h>
#include <rasshost/event.hpp>
#include <rasshost/win32.h>

#include "wait_probe.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

using namespace std::chrono_literals;
using rasshost::Event;
using rasshost::EventReset;
using steady = std::chrono::steady_clock;
using wait_probe::wait_for_waiters;

namespace {
constexpr auto patience = std::chrono::milliseconds(wait_probe::patience_ms);
}

TEST_CASE("Event is move-only and defaults to an unsignalled auto-reset event") {
    static_assert(!std::is_copy_constructible_v<Event> && !std::is_copy_assignable_v<Event>);
    static_assert(std::is_nothrow_move_constructible_v<Event> && std::is_nothrow_move_assignable_v<Event>);
    Event e;
    CHECK(!e.wait_for(0ns));
    e.set();
    CHECK(e.wait_for(0ns));
    CHECK(!e.wait_for(0ns));  // auto-reset: taken
}

TEST_CASE("Event(manual, initially set) stays set across waits until reset") {
    Event e(EventReset::manual, true);
    CHECK(e.wait_for(0ns));
    CHECK(e.wait_for(0ns));
    e.reset();
    CHECK(!e.wait_for(0ns));
}

TEST_CASE("a moved-from Event is harmless: its calls are no-ops and its waits return false") {
    Event a(EventReset::manual, true);
    Event b(std::move(a));
    CHECK(!a.valid());
    CHECK(a.native_handle() == nullptr);
    a.set();
    a.reset();
    a.pulse();
    a.wait();
    CHECK(!a.wait_for(0ns));
    CHECK(b.wait_for(0ns));
    Event c;
    c = std::move(b);  // c's old event is closed, c now owns b's
    CHECK(c.wait_for(0ns));
}

TEST_CASE("native_handle is a live HANDLE shared with the C API, closed by the destructor") {
    HANDLE handle;
    {
        Event e(EventReset::automatic);
        handle = e.native_handle();
        CHECK(SetEvent(handle));
        CHECK(e.wait_for(0ns));
        e.set();
        CHECK(WaitForSingleObject(handle, 0) == WAIT_OBJECT_0);
        CHECK(WaitForSingleObject(handle, 0) == WAIT_TIMEOUT);
    }
    SetLastError(NO_ERROR);
    CHECK(SetEvent(handle) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("a sub-millisecond timeout works: wait_for(300us) times out after at least 300 us") {
    Event e;
    const auto start = steady::now();
    CHECK(!e.wait_for(300us));
    CHECK(steady::now() - start >= 300us);
}

TEST_CASE("wait_for accepts any duration type, rounding up, and huge ones mean forever") {
    Event e;
    CHECK(!e.wait_for(std::chrono::duration<double, std::milli>(0.25)));
    CHECK(!e.wait_for(std::chrono::milliseconds(-5)));
    e.set();
    CHECK(e.wait_for(std::chrono::hours::max()));  // signalled: returns at once
    std::thread setter([&] {
        REQUIRE(wait_for_waiters(e.native_handle(), 1));
        e.set();
    });
    CHECK(e.wait_for(std::chrono::nanoseconds::max()));
    setter.join();
}

TEST_CASE("auto-reset Event: wait() returns once per set, even for sets right after the waiter blocks") {
    Event e;
    std::atomic<int> released{0};
    std::vector<std::thread> waiters;
    for (int i = 0; i < 4; ++i) waiters.emplace_back([&] { e.wait(); ++released; });
    REQUIRE(wait_for_waiters(e.native_handle(), 4));
    e.set();
    e.set();
    e.reset();  // the two sets were already handed off: reset takes nothing back
    CHECK(wait_for_waiters(e.native_handle(), 2));
    e.set();
    e.set();
    for (auto& t : waiters) t.join();
    CHECK(released.load() == 4);
    CHECK(!e.wait_for(0ns));
}

TEST_CASE("Event::pulse releases current waiters only and leaves the event unsignalled") {
    Event manual(EventReset::manual);
    std::atomic<int> released{0};
    std::vector<std::thread> waiters;
    for (int i = 0; i < 3; ++i) waiters.emplace_back([&] { released += manual.wait_for(patience); });
    REQUIRE(wait_for_waiters(manual.native_handle(), 3));
    manual.pulse();
    for (auto& t : waiters) t.join();
    CHECK(released.load() == 3);
    CHECK(!manual.wait_for(0ns));
}

TEST_CASE("wait_any returns the lowest signalled index and takes only that event") {
    std::array<Event, 3> events;
    std::array<Event*, 3> pointers{&events[0], &events[1], &events[2]};
    CHECK(rasshost::wait_any(pointers, 0ns) == std::nullopt);
    events[2].set();
    events[1].set();
    CHECK(rasshost::wait_any(pointers, 0ns) == 1u);
    CHECK(rasshost::wait_any(pointers, 0ns) == 2u);
    CHECK(rasshost::wait_any(pointers, 1ms) == std::nullopt);
}

TEST_CASE("wait_any over 64 Events is woken by the one set while it waits") {
    std::vector<Event> events(64);
    std::vector<Event*> pointers;
    for (auto& e : events) pointers.push_back(&e);
    std::optional<std::size_t> result;
    std::thread waiter([&] { result = rasshost::wait_any(pointers, patience); });
    REQUIRE(wait_for_waiters(events[40].native_handle(), 1));
    events[40].set();
    waiter.join();
    CHECK(result == 40u);
}

TEST_CASE("wait_all is atomic: with only A set, a waiting wait_all on {A, B} leaves A to another waiter") {
    Event a, b;
    std::array<Event*, 2> both{&a, &b};
    a.set();
    CHECK(!rasshost::wait_all(both, 0ns));
    bool all = false;
    std::thread waiter([&] { all = rasshost::wait_all(both, patience); });
    REQUIRE(wait_for_waiters(b.native_handle(), 1));
    CHECK(a.wait_for(0ns));  // still there for someone else
    a.set();
    b.set();
    waiter.join();
    CHECK(all);
    CHECK(!a.wait_for(0ns));
    CHECK(!b.wait_for(0ns));
}

TEST_CASE("wait_all times out after at least the timeout and consumes nothing") {
    Event a(EventReset::automatic, true), b;
    std::array<Event*, 2> both{&a, &b};
    const auto start = steady::now();
    CHECK(!rasshost::wait_all(both, 20ms));
    CHECK(steady::now() - start >= 20ms);
    CHECK(a.wait_for(0ns));
}

TEST_CASE("wait_any and wait_all throw std::invalid_argument for 0 or 65 events, null or moved-from Events") {
    std::vector<Event> events(65);
    std::vector<Event*> pointers;
    for (auto& e : events) pointers.push_back(&e);
    CHECK_THROWS_AS(rasshost::wait_any(std::span<Event* const>(), 0ns), std::invalid_argument);
    CHECK_THROWS_AS(rasshost::wait_all(std::span<Event* const>(), 0ns), std::invalid_argument);
    CHECK_THROWS_AS(rasshost::wait_any(pointers, 0ns), std::invalid_argument);
    CHECK_THROWS_AS(rasshost::wait_all(pointers, 0ns), std::invalid_argument);
    std::array<Event*, 2> with_null{&events[0], nullptr};
    CHECK_THROWS_AS(rasshost::wait_any(with_null, 0ns), std::invalid_argument);
    CHECK_THROWS_AS(rasshost::wait_all(with_null, 0ns), std::invalid_argument);
    Event moved_to(std::move(events[1]));
    std::array<Event*, 2> with_moved{&events[0], &events[1]};
    CHECK_THROWS_AS(rasshost::wait_any(with_moved, 0ns), std::invalid_argument);
    pointers[1] = &moved_to;
    CHECK_NOTHROW(rasshost::wait_any(std::span<Event* const>(pointers).first(64), 0ns));  // 64 is the maximum
}

TEST_CASE("wait_all throws std::invalid_argument when an Event appears twice, wait_any accepts it") {
    Event a(EventReset::automatic, true);
    std::array<Event*, 2> twice{&a, &a};
    CHECK_THROWS_AS(rasshost::wait_all(twice, 0ns), std::invalid_argument);
    CHECK(rasshost::wait_any(twice, 0ns) == 0u);
}

TEST_CASE("Event ping-pong between two threads x 10000 loses no wake-up") {
    Event ping, pong;
    std::atomic<int> failures{0};
    std::thread partner([&] {
        for (int i = 0; i < 10000; ++i) {
            if (!ping.wait_for(patience)) return void(++failures);
            pong.set();
        }
    });
    for (int i = 0; i < 10000; ++i) {
        ping.set();
        if (!pong.wait_for(patience)) {
            ++failures;
            break;
        }
    }
    partner.join();
    CHECK(failures.load() == 0);
}
