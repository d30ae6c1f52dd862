// The per-source bookkeeping on its own, with times passed in: what a
// source is, when a penalty starts, how it doubles and is forgotten, how the
// table stays bounded, and the caps on dialogs at once.
#include <doctest/doctest.h>

#include "common/call_admission.hpp"
#include "common/source_key.hpp"
#include "common/source_penalties.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using rasshost::CallAdmission;
using rasshost::SourcePenalties;

namespace {

rasshost::CallLimits limits() {
    rasshost::CallLimits l;
    l.max_failures = 5;
    l.failure_window = 60s;
    l.penalty = 30s;
    l.max_penalty = 600s;
    return l;
}

const auto t0 = SourcePenalties::Clock::time_point{} + 1000h;

// `n` failures of `source` one second apart from `at`; the last result.
SourcePenalties::Result fail(SourcePenalties& table, const std::string& source, int n,
                             SourcePenalties::Clock::time_point at) {
    SourcePenalties::Result result;
    for (int i = 0; i < n; ++i) result = table.record_failure(source, at + std::chrono::seconds(i));
    return result;
}

}  // namespace

TEST_CASE("a source is an IPv4 address or an IPv6 /64") {
    CHECK(rasshost::source_key("192.0.2.7") == "192.0.2.7");
    CHECK(rasshost::source_key("::ffff:192.0.2.7") == "192.0.2.7");
    CHECK(rasshost::source_key("2001:db8:1:2:a:b:c:d") == "2001:db8:1:2::/64");
    CHECK(rasshost::source_key("2001:db8:1:2::ffff") == "2001:db8:1:2::/64");
    CHECK(rasshost::source_key("2001:db8:1:3::1") == "2001:db8:1:3::/64");
    CHECK(rasshost::source_key("::1") == "::/64");
    CHECK(rasshost::source_key("") == "");
}

TEST_CASE("penalties: the threshold within the window starts one, failures outside it do not count") {
    SourcePenalties table(limits());
    CHECK_FALSE(fail(table, "a", 4, t0).penalty);
    CHECK_FALSE(table.blocked("a", t0 + 5s));
    // the next failure comes after the first four left the window
    CHECK_FALSE(table.record_failure("a", t0 + 70s).penalty);
    const auto result = fail(table, "a", 4, t0 + 71s);
    REQUIRE(result.penalty);
    CHECK(result.penalty->duration == 30s);
    CHECK(result.penalty->failures == 5);
    CHECK(result.penalty->repeat == 1);
    CHECK(table.blocked("a", t0 + 75s));
    CHECK_FALSE(table.blocked("b", t0 + 75s));
    CHECK_FALSE(table.blocked("a", t0 + 74s + 30s));
}

TEST_CASE("penalties: each repeat doubles up to the maximum, and a quiet source is forgotten") {
    SourcePenalties table(limits());
    auto at = t0;
    std::vector<std::chrono::seconds> durations;
    for (int i = 0; i < 7; ++i) {
        const auto result = fail(table, "a", 5, at);
        REQUIRE(result.penalty);
        durations.push_back(result.penalty->duration);
        at += 4s + result.penalty->duration;  // the next burst once the penalty is over
    }
    CHECK(durations == std::vector<std::chrono::seconds>{30s, 60s, 120s, 240s, 480s, 600s, 600s});
    // quiet for the maximum penalty after the last one ended: forgotten
    at += 600s;
    CHECK_FALSE(table.blocked("a", at));
    CHECK(table.size() == 0);
    const auto result = fail(table, "a", 5, at);
    REQUIRE(result.penalty);
    CHECK(result.penalty->duration == 30s);
    CHECK(result.penalty->repeat == 1);
}

TEST_CASE("penalties: off with max_failures 0") {
    rasshost::CallLimits off = limits();
    off.max_failures = 0;
    SourcePenalties table(off);
    CHECK_FALSE(fail(table, "a", 50, t0).penalty);
    CHECK_FALSE(table.blocked("a", t0 + 50s));
    CHECK(table.size() == 0);
}

TEST_CASE("penalties: the table is bounded, the oldest source not under penalty gives way") {
    auto l = limits();
    l.max_sources = 3;
    SourcePenalties table(l);
    fail(table, "blocked", 5, t0);  // under penalty until t0 + 34 s
    table.record_failure("old", t0 + 5s);
    table.record_failure("new", t0 + 6s);
    CHECK(table.size() == 3);
    table.record_failure("spray-1", t0 + 7s);  // evicts "old", not "blocked"
    CHECK(table.size() == 3);
    CHECK(table.blocked("blocked", t0 + 8s));
    // "old" was forgotten: four more failures do not reach the threshold
    CHECK_FALSE(fail(table, "old", 4, t0 + 9s).penalty);
    // a spray of new addresses never grows the table
    for (int i = 0; i < 1000; ++i) table.record_failure("spray-" + std::to_string(i), t0 + 20s);
    CHECK(table.size() == 3);
    CHECK(table.blocked("blocked", t0 + 21s));
}

TEST_CASE("penalties: a table full of sources under penalty tracks no new one") {
    auto l = limits();
    l.max_sources = 2;
    SourcePenalties table(l);
    fail(table, "a", 5, t0);
    fail(table, "b", 5, t0);
    const auto result = table.record_failure("c", t0 + 6s);
    CHECK(result.untracked);
    CHECK(table.blocked("a", t0 + 6s));
    CHECK(table.blocked("b", t0 + 6s));
    CHECK(table.size() == 2);
}

TEST_CASE("admission: caps on dialogs at once, in all and per source, and lines without an address are never refused") {
    auto l = limits();
    l.max_dialogs = 4;
    l.max_dialogs_per_source = 2;
    std::vector<std::string> log;
    CallAdmission admission(l, [&](rasshost::LogLevel, const std::string& line) { log.push_back(line); });
    CHECK_FALSE(admission.admit("192.0.2.1", t0));
    CHECK_FALSE(admission.admit("192.0.2.1", t0));
    const auto refused = admission.admit("192.0.2.1", t0);
    REQUIRE(refused);
    CHECK(*refused == "rasshost: too many connections from your address, try again later\r\n");
    CHECK_FALSE(admission.admit("2001:db8::1", t0));
    CHECK_FALSE(admission.admit("2001:db8::2", t0));
    CHECK(admission.admit("2001:db8::3", t0));  // the same /64
    CHECK(admission.admitted() == 4);
    const auto full = admission.admit("192.0.2.9", t0);
    REQUIRE(full);
    CHECK(*full == "rasshost: too many connections, try again later\r\n");
    CHECK_FALSE(admission.admit("", t0));  // a serial line: counted, never refused
    CHECK(admission.admitted() == 5);
    admission.release("");
    admission.release("192.0.2.1");
    CHECK_FALSE(admission.admit("192.0.2.9", t0));
    CHECK(admission.admitted() == 4);
    // refusals are logged, the first at once and then at most once per 10 s
    REQUIRE(log.size() == 1);
    CHECK(log[0].find("refused 1 call") != std::string::npos);
}

TEST_CASE("admission: a penalty refuses the source, is logged with address, count and duration") {
    std::vector<std::string> log;
    CallAdmission admission(limits(), [&](rasshost::LogLevel, const std::string& line) { log.push_back(line); });
    for (int i = 0; i < 5; ++i) admission.failure("198.51.100.4", "FAILURE verdict", t0);
    const auto refused = admission.admit("198.51.100.4", t0 + 1s);
    REQUIRE(refused);
    CHECK(*refused == "rasshost: too many failures from your address, try again later\r\n");
    CHECK_FALSE(admission.admit("198.51.100.5", t0 + 1s));
    CHECK_FALSE(admission.admit("198.51.100.4", t0 + 31s));
    const std::string penalty = "source 198.51.100.4: 5 failures within 60 s (the last: FAILURE verdict): its calls "
                                "are refused for 30 s (penalty 1)";
    CHECK(std::count(log.begin(), log.end(), penalty) == 1);
    admission.failure("", "FAILURE verdict", t0);  // a line without an address is not counted
}
