// The count of SetEvents under way outside the dialog's lock
// (src/common/in_flight.hpp): wait_idle() returns once the last leave() has,
// whatever the interleaving -- the wake-up std::atomic::wait loses on
// mingw-w64, where the many-dialogs test hung in Complete under Wine.
#include <doctest/doctest.h>

#include "common/in_flight.hpp"

#include <atomic>
#include <chrono>
#include <thread>

using rasshost::InFlight;
using namespace std::chrono_literals;

namespace {

// Rounds of: enter(); another thread leave()s at once while this one
// wait_idle()s, so the leave lands anywhere in the wait -- before it, between
// its check and its sleep, during the sleep. A watchdog that sees no round
// finish for 5 s records a stall and wakes the waiter (one more round trip
// through the counter) so that the test ends and fails instead of hanging.
struct Race {
    InFlight in_flight;
    std::atomic<int> started{-1};
    std::atomic<int> finished{-1};
    std::atomic<bool> stalled{false};
    std::atomic<bool> over{false};

    void leaver(int rounds) {
        for (int r = 0; r < rounds; ++r) {
            while (started.load(std::memory_order_acquire) < r) std::this_thread::yield();
            // 0-100 us late: before the waiter's check, in its spin, at its sleep
            const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(r % 101);
            while (std::chrono::steady_clock::now() < until) {
            }
            in_flight.leave();
        }
    }

    void watchdog() {
        int seen = finished.load();
        auto since = std::chrono::steady_clock::now();
        while (!over.load()) {
            std::this_thread::sleep_for(50ms);
            const int now = finished.load();
            if (now != seen) {
                seen = now;
                since = std::chrono::steady_clock::now();
            } else if (std::chrono::steady_clock::now() - since > 5s) {
                stalled = true;
                in_flight.enter();
                in_flight.leave();
                since = std::chrono::steady_clock::now();
            }
        }
    }

    int run(int rounds) {
        std::thread leave_thread([&] { leaver(rounds); });
        std::thread watch_thread([&] { watchdog(); });
        int completed = 0;
        for (int r = 0; r < rounds && !stalled; ++r) {
            in_flight.enter();
            started.store(r, std::memory_order_release);
            if ((r & 1) != 0) std::this_thread::yield();  // vary which side comes first
            in_flight.wait_idle();
            if (in_flight.count() == 0) ++completed;
            finished.store(r);
        }
        // A stall ends the loop early: let the leaver finish its rounds.
        started.store(rounds, std::memory_order_release);
        leave_thread.join();
        over = true;
        watch_thread.join();
        return completed;
    }
};

}  // namespace

TEST_CASE("InFlight: wait_idle returns at once when nothing is under way") {
    InFlight in_flight;
    in_flight.wait_idle();
    CHECK(in_flight.count() == 0);
    in_flight.enter();
    in_flight.enter();
    CHECK(in_flight.count() == 2);
    in_flight.leave();
    in_flight.leave();
    in_flight.wait_idle();
    CHECK(in_flight.count() == 0);
}

TEST_CASE("InFlight: wait_idle waits for the last of several operations") {
    InFlight in_flight;
    std::atomic<int> left{0};
    for (int i = 0; i < 3; ++i) in_flight.enter();
    std::thread leaving([&] {
        for (int i = 0; i < 3; ++i) {
            std::this_thread::sleep_for(20ms);
            left.fetch_add(1);
            in_flight.leave();
        }
    });
    in_flight.wait_idle();
    CHECK(left.load() == 3);  // not before the third leave()
    leaving.join();
}

TEST_CASE("InFlight: no wake-up is lost when leave() races wait_idle() (20,000 rounds)") {
    Race race;
    constexpr int rounds = 20000;
    const int completed = race.run(rounds);
    CHECK_FALSE(race.stalled.load());
    CHECK(completed == rounds);
}
