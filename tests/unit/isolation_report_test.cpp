// The report an isolated dialog's process writes to the host: what it
// encodes parses back, and anything else a hostile process could write is
// rejected (the host then ends the dialog as ABORTED).
#include <doctest/doctest.h>

#include <rasshost/isolation.hpp>

#include <string>

namespace iso = rasshost::isolation;
using rasshost::Verdict;

namespace {

iso::Report sample() {
    iso::Report report;
    report.verdict = Verdict::success;
    report.error = 0;
    report.user = "alice";
    report.domain = "CORP";
    report.reason = "complete";
    report.bytes_received = 12;
    report.bytes_sent = 34;
    report.bytes_dropped = 0;
    return report;
}

bool same(const iso::Report& a, const iso::Report& b) {
    return a.verdict == b.verdict && a.error == b.error && a.user == b.user && a.domain == b.domain &&
           a.reason == b.reason && a.bytes_received == b.bytes_received && a.bytes_sent == b.bytes_sent &&
           a.bytes_dropped == b.bytes_dropped;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("isolation report: what is encoded parses back, control and non-ASCII bytes escaped") {
    auto report = sample();
    report.user = std::string("ev\r\nil SUCCESS \x1b[2J\\ \xc3\xa9\xff\0", 23);
    report.verdict = Verdict::aborted;
    report.error = 4294967295U;
    report.bytes_received = 18446744073709551615ULL;
    const auto text = iso::encode_report(report);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("user ev\\x0d\\x0ail\\x20SUCCESS\\x20\\x1b[2J\\x5c") != std::string::npos);
    const auto parsed = iso::parse_report(text);
    REQUIRE(parsed);
    CHECK(same(*parsed, report));
}

TEST_CASE("isolation report: long strings are cut and the whole stays within its bound") {
    auto report = sample();
    report.user = std::string(100000, '\x01');
    report.domain = std::string(100000, '\xff');
    report.reason = std::string(100000, 'r');
    const auto text = iso::encode_report(report);
    CHECK(text.size() <= iso::max_report_size);
    const auto parsed = iso::parse_report(text);
    REQUIRE(parsed);
    CHECK(parsed->user.size() == iso::max_report_field);
    CHECK(parsed->reason == std::string(iso::max_report_field, 'r'));
}

TEST_CASE("isolation report: anything but the canonical form is rejected") {
    const auto good = iso::encode_report(sample());
    REQUIRE(iso::parse_report(good));
    CHECK_FALSE(iso::parse_report(""));
    CHECK_FALSE(iso::parse_report(good.substr(0, good.size() - 1)));               // no final newline
    CHECK_FALSE(iso::parse_report(good + "x"));                                      // trailing bytes
    CHECK_FALSE(iso::parse_report(good + good));                                     // two reports
    CHECK_FALSE(iso::parse_report(replaced(good, "rasshost-report 1", "rasshost-report 2")));
    CHECK_FALSE(iso::parse_report(replaced(good, "verdict SUCCESS", "verdict success")));
    CHECK_FALSE(iso::parse_report(replaced(good, "error 0", "error 4294967296")));  // over 32 bits
    CHECK_FALSE(iso::parse_report(replaced(good, "error 0", "error -1")));
    CHECK_FALSE(iso::parse_report(replaced(good, "error 0", "error 00")));
    CHECK_FALSE(iso::parse_report(replaced(good, "received 12", "received 18446744073709551616")));
    CHECK_FALSE(iso::parse_report(replaced(good, "sent 34", "sent 3 4")));
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user al ice")));     // raw space
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user al\rice")));    // raw control byte
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user al\\x41ice"))); // needless escape
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user al\\x0Dice"))); // upper-case hex
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user al\\x0")));     // cut escape
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user al\\y0dce")));
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "domain alice")));    // keys out of order
    CHECK_FALSE(iso::parse_report(replaced(good, "user alice", "user " + std::string(iso::max_report_field + 1, 'a'))));
    CHECK_FALSE(iso::parse_report(std::string(iso::max_report_size + 1, 'x')));
}
