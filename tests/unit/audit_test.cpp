// The audit record of a finished dialog: a fixed key=value form with an
// RFC 3339 UTC time, the caller's address on every line ("-" when the line
// has none), names escaped so that a hostile one stays inside its quotes.
#include <doctest/doctest.h>
#include <rasshost/audit.hpp>

#include <chrono>
#include <regex>
#include <string>

using namespace std::chrono;
using rasshost::DialogOutcome;
using rasshost::Verdict;

namespace {

DialogOutcome sample() {
    DialogOutcome outcome;
    outcome.port = reinterpret_cast<HPORT>(std::uintptr_t{7});
    outcome.device = "tcp 127.0.0.1:40122";
    outcome.peer = "127.0.0.1";
    outcome.verdict = Verdict::failure;
    outcome.user = "alice";
    outcome.reason = "complete";
    outcome.started = system_clock::time_point(seconds(1796594100));  // 2026-12-06T21:55:00Z
    outcome.ended = outcome.started + milliseconds(1234);
    outcome.bytes_sent = 57;
    outcome.bytes_received = 13;
    return outcome;
}

}  // namespace

TEST_CASE("rfc3339_utc: UTC with milliseconds and Z") {
    CHECK(rasshost::rfc3339_utc(system_clock::time_point{}) == "1970-01-01T00:00:00.000Z");
    CHECK(rasshost::rfc3339_utc(system_clock::time_point(milliseconds(1796594101123))) ==
          "2026-12-06T21:55:01.123Z");
    CHECK(rasshost::rfc3339_utc(system_clock::time_point(milliseconds(951782400999))) ==
          "2000-02-29T00:00:00.999Z");  // a leap day
}

TEST_CASE("audit_record: every key, in order, strings quoted") {
    CHECK(rasshost::audit_record(sample()) ==
          "verdict=FAILURE port=\"tcp 127.0.0.1:40122\" peer=127.0.0.1 hport=0x7 user=\"alice\" domain=\"\" "
          "error=0 reason=\"complete\" duration=1.234 sent=57 received=13");
}

TEST_CASE("audit_record: a line without an address has peer=-, an aborted dialog its reason and error") {
    auto outcome = sample();
    outcome.device = "pty /dev/pts/3";
    outcome.peer.clear();
    outcome.verdict = Verdict::aborted;
    outcome.user.clear();
    outcome.error = 619;
    outcome.reason = "hang-up";
    CHECK(rasshost::audit_record(outcome) ==
          "verdict=ABORTED port=\"pty /dev/pts/3\" peer=- hport=0x7 user=\"\" domain=\"\" error=619 "
          "reason=\"hang-up\" duration=1.234 sent=57 received=13");
}

TEST_CASE("audit_record: a wall clock set back during the dialog gives duration 0, not a negative one") {
    auto outcome = sample();
    outcome.ended = outcome.started - seconds(5);
    CHECK(rasshost::audit_record(outcome).find(" duration=0.000 ") != std::string::npos);
}

TEST_CASE("audit_record: hostile names cannot add a line, a key or a control byte") {
    auto outcome = sample();
    outcome.user = "x\" verdict=SUCCESS peer=10.0.0.1 \r\n2026-12-06T21:55:01.123Z rasshost-serve[1]: audit verdict=SUCCESS";
    outcome.domain = "\x1b[2J\xc2\x9b\\";
    const auto record = rasshost::audit_record(outcome);
    CHECK(record.find('\n') == std::string::npos);
    CHECK(record.find('\r') == std::string::npos);
    CHECK(record.find('\x1b') == std::string::npos);
    // Exactly one of each key outside quotes, as a fail2ban-style regex sees it.
    const std::regex form(R"(^verdict=FAILURE port="(\\.|[^"\\])*" peer=127\.0\.0\.1 hport=0x7 user="(\\.|[^"\\])*" )"
                          R"(domain="(\\.|[^"\\])*" error=0 reason="complete" duration=1\.234 sent=57 received=13$)");
    CHECK(std::regex_match(record, form));
    CHECK(record.find(R"(domain="\x1b[2J\xc2\x9b\\")") != std::string::npos);
}
