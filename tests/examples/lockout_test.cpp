// The examples' failed-login lockout (examples/common/lockout.c), in
// pam_faillock's model, on a clock the test sets: failures per user within
// a sliding interval, the lock and its end, reset on success, tries in
// flight, the bounded table and its eviction rule, many threads at once.
#include <doctest/doctest.h>

// Before lockout.h's <windows.h>: on Windows the test kit brings Winsock 2,
// which must come first.
#include <rasshost/debug_output.hpp>
#include <rasshost/test_kit.hpp>

#include "lockout.h"

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr ULONGLONG second = 1000;
constexpr ULONGLONG start = 1000000;  // any clock value; not near zero

// Attaches the module with the given settings (empty: the default) and
// captures its debug output; detaches at the end.
struct Fixture {
    std::mutex mutex;
    std::vector<std::string> debug;

    explicit Fixture(const std::string& deny = "", const std::string& interval = "", const std::string& unlock = "") {
        rasshost::test::set_environment(LOCKOUT_DENY_ENV, deny);
        rasshost::test::set_environment(LOCKOUT_INTERVAL_ENV, interval);
        rasshost::test::set_environment(LOCKOUT_UNLOCK_ENV, unlock);
        rasshost::set_debug_output([this](std::string_view text) {
            std::lock_guard lock(mutex);
            debug.emplace_back(text);
        });
        REQUIRE(LockoutAttach("test"));
    }
    ~Fixture() {
        LockoutDetach();
        rasshost::set_debug_output(nullptr);
    }
    // One whole try that fails; returns whether the user could try at all.
    static bool fail(const char* user, ULONGLONG now) {
        if (!LockoutBeginTry(user, now)) return false;
        LockoutEndTry(user, LOCKOUT_FAILURE, now);
        return true;
    }
    static bool succeed(const char* user, ULONGLONG now) {
        if (!LockoutBeginTry(user, now)) return false;
        LockoutEndTry(user, LOCKOUT_SUCCESS, now);
        return true;
    }
    std::vector<std::string> reports() {
        std::lock_guard lock(mutex);
        return debug;
    }
};

}  // namespace

TEST_CASE("lockout settings: the defaults, the environment, and defaults for bad values") {
    Fixture f;
    LOCKOUT_SETTINGS s;
    LockoutGetSettings(&s);
    CHECK(s.dwDeny == 5);
    CHECK(s.dwIntervalSeconds == 900);
    CHECK(s.dwUnlockSeconds == 600);
    rasshost::test::set_environment(LOCKOUT_DENY_ENV, "0");  // off
    rasshost::test::set_environment(LOCKOUT_INTERVAL_ENV, "60");
    rasshost::test::set_environment(LOCKOUT_UNLOCK_ENV, "1");
    LockoutGetSettings(&s);
    CHECK(s.dwDeny == 0);
    CHECK(s.dwIntervalSeconds == 60);
    CHECK(s.dwUnlockSeconds == 1);
    for (const char* bad : {"x", "-1", "3x", "99999999999"}) {
        CAPTURE(bad);
        rasshost::test::set_environment(LOCKOUT_DENY_ENV, bad);
        rasshost::test::set_environment(LOCKOUT_INTERVAL_ENV, bad);
        rasshost::test::set_environment(LOCKOUT_UNLOCK_ENV, bad);
        LockoutGetSettings(&s);
        CHECK(s.dwDeny == 5);
        CHECK(s.dwIntervalSeconds == 900);
        CHECK(s.dwUnlockSeconds == 600);
    }
    rasshost::test::set_environment(LOCKOUT_DENY_ENV, std::to_string(LOCKOUT_MAX_DENY + 1));
    rasshost::test::set_environment(LOCKOUT_INTERVAL_ENV, "0");
    LockoutGetSettings(&s);
    CHECK(s.dwDeny == 5);
    CHECK(s.dwIntervalSeconds == 900);
}

TEST_CASE("lockout: five failures lock the user for the unlock time, then the count starts afresh") {
    Fixture f;
    for (int i = 0; i < 5; ++i) CHECK(Fixture::fail("alice", start + i * second));
    const ULONGLONG locked_at = start + 4 * second;
    CHECK_FALSE(LockoutBeginTry("alice", locked_at));
    CHECK_FALSE(LockoutBeginTry("alice", locked_at + 600 * second - 1));
    CHECK(LockoutBeginTry("bob", locked_at));  // others are not affected
    LockoutEndTry("bob", LOCKOUT_SUCCESS, locked_at);
    // Over: one more failure does not lock again at once.
    CHECK(Fixture::fail("alice", locked_at + 600 * second));
    CHECK(Fixture::succeed("alice", locked_at + 600 * second));
    const auto reports = f.reports();
    REQUIRE(reports.size() == 1);
    CHECK(reports[0] == "test: user \"alice\" locked out for 600 s after 5 failures in 900 s");
}

TEST_CASE("lockout: the interval slides: only failures younger than it count") {
    Fixture f("3", "10", "60");
    CHECK(Fixture::fail("alice", start));
    CHECK(Fixture::fail("alice", start + 5 * second));
    CHECK(Fixture::fail("alice", start + 10 * second));  // the first is 10 s old: out
    CHECK(Fixture::fail("alice", start + 14 * second));  // 5, 10, 14: three within 10 s
    CHECK_FALSE(LockoutBeginTry("alice", start + 14 * second));
    CHECK_FALSE(LockoutBeginTry("alice", start + 73 * second));
    CHECK(LockoutBeginTry("alice", start + 74 * second));
    LockoutEndTry("alice", LOCKOUT_NO_VERDICT, start + 74 * second);
}

TEST_CASE("lockout: success resets the count, a try without a verdict does not count") {
    Fixture f;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 4; ++i) CHECK(Fixture::fail("alice", start));
        CHECK(Fixture::succeed("alice", start));
    }
    for (int i = 0; i < 10; ++i) {
        REQUIRE(LockoutBeginTry("alice", start));
        LockoutEndTry("alice", LOCKOUT_NO_VERDICT, start);
    }
    CHECK(Fixture::succeed("alice", start));
    CHECK(f.reports().empty());
}

TEST_CASE("lockout: tries in flight count against the limit, so parallel dialogs get no more guesses") {
    Fixture f;
    CHECK(Fixture::fail("alice", start));
    for (int i = 0; i < 4; ++i) CHECK(LockoutBeginTry("alice", start));
    CHECK_FALSE(LockoutBeginTry("alice", start));  // 1 failure + 4 in flight
    LockoutEndTry("alice", LOCKOUT_NO_VERDICT, start);
    CHECK(LockoutBeginTry("alice", start));
    for (int i = 0; i < 4; ++i) LockoutEndTry("alice", LOCKOUT_FAILURE, start);
    CHECK_FALSE(LockoutBeginTry("alice", start + 599 * second));
}

TEST_CASE("lockout: off with deny 0, and names it cannot key on are never tracked") {
    {
        Fixture f("0");
        for (int i = 0; i < 50; ++i) CHECK(Fixture::fail("alice", start));
    }
    Fixture f;
    for (int i = 0; i < 50; ++i) CHECK(Fixture::fail("", start));
}

TEST_CASE("lockout: the report escapes the name") {
    Fixture f("1");
    CHECK(Fixture::fail("a\"b\\c\x1b[2J\r\n\xc2\x85\xff\xc3\xa9", start));
    const auto reports = f.reports();
    REQUIRE(reports.size() == 1);
    CHECK(reports[0] ==
          "test: user \"a\\\"b\\\\c\\x1b[2J\\x0d\\x0a\\xc2\\x85\\xff\xc3\xa9\" locked out for 600 s after 1 failures in 900 s");
}

TEST_CASE("lockout: the table is bounded, a full table never evicts a lock or a try in flight") {
    Fixture f("2");
    // Fill every slot with a locked user.
    for (int i = 0; i < LOCKOUT_SLOTS; ++i) {
        const std::string user = "locked" + std::to_string(i);
        CHECK(Fixture::fail(user.c_str(), start));
        CHECK(Fixture::fail(user.c_str(), start));
    }
    // A newcomer is not tracked (it may still try), and is reported; the
    // locked users stay locked.
    for (int i = 0; i < 5; ++i) CHECK(Fixture::fail("newcomer", start + second));
    for (int i = 0; i < LOCKOUT_SLOTS; i += 97)
        CHECK_FALSE(LockoutBeginTry(("locked" + std::to_string(i)).c_str(), start + second));
    const auto reports = f.reports();
    CHECK(reports.back().find("test: the lockout table is full") != std::string::npos);
}

TEST_CASE("lockout: a full table evicts the unlocked user whose last failure is oldest") {
    Fixture f("2");
    for (int i = 0; i < LOCKOUT_SLOTS; ++i)
        CHECK(Fixture::fail(("user" + std::to_string(i)).c_str(), start + static_cast<ULONGLONG>(i)));
    // user0 failed first: a newcomer takes its slot, and its count is gone.
    CHECK(Fixture::fail("newcomer", start + 2 * second));
    CHECK(Fixture::fail("user0", start + 2 * second));
    CHECK(LockoutBeginTry("user0", start + 2 * second));  // one failure only now
    LockoutEndTry("user0", LOCKOUT_NO_VERDICT, start + 2 * second);
    // user2 kept its count: one more failure locks it.
    CHECK(Fixture::fail("user2", start + 2 * second));
    CHECK_FALSE(LockoutBeginTry("user2", start + 2 * second));
}

TEST_CASE("lockout: many threads guessing one user get at most deny tries in all") {
    Fixture f;
    std::atomic<int> tries{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (!LockoutBeginTry("alice", start)) continue;
                ++tries;
                std::this_thread::yield();
                LockoutEndTry("alice", LOCKOUT_FAILURE, start);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(tries.load() == 5);
    CHECK(f.reports().size() == 1);
}
