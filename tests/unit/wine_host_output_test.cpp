// What the Linux rasshost-serve makes of the lines of a Windows host it runs
// under Wine (tools/rasshost-serve/wine_host_output.hpp): log lines at the
// level asked for, mapped COM ports shown by their Linux names, and the
// dialogs in flight, in whatever order its two pipes are read.
#include <doctest/doctest.h>

#include "wine_host_output.hpp"

#include <rasshost/audit.hpp>

#include <optional>
#include <string>

using rasshost::LogLevel;
using rasshost::serve::WineHostOutput;

namespace {

const auto t0 = WineHostOutput::Clock::time_point(std::chrono::seconds(1'800'000'000));

// The text a line is shown as; nullopt if it is not shown.
std::optional<std::string> shown(WineHostOutput& output, const std::string& line, WineHostOutput::Clock::time_point now) {
    const auto out = output.line(line, now);
    if (!out) return std::nullopt;
    return out->text;
}

std::string started(const char* hport, const char* device, const char* peer) {
    return std::string("rasshost-serve: debug: port ") + hport + ": dialog started on " + device + " peer=" + peer;
}

std::string audit(const char* hport, const char* port, const char* verdict = "SUCCESS") {
    return std::string("2027-01-15T08:00:00.000Z rasshost-serve[32]: audit verdict=") + verdict + " port=\"" + port +
           "\" peer=- hport=" + hport + " user=\"eve\" domain=\"\" error=0 reason=\"complete\" duration=0.010 sent=5 "
           "received=4";
}

}  // namespace

TEST_CASE("Wine host output: log lines below the level asked for are not shown, the rest pass unchanged") {
    WineHostOutput output(LogLevel::info);
    CHECK_FALSE(shown(output, "rasshost-serve: debug: source 10.0.0.1: failure counted (FAILURE)", t0));
    CHECK(shown(output, "rasshost-serve: info: ready: tcp 127.0.0.1:5000", t0) ==
          "rasshost-serve: info: ready: tcp 127.0.0.1:5000\n");
    CHECK(shown(output, "rasshost-serve: warning: Begin failed", t0) == "rasshost-serve: warning: Begin failed\n");
    CHECK(shown(output, "wine: something of Wine's own", t0) == "wine: something of Wine's own\n");
    CHECK(shown(output, "", t0) == "\n");
    WineHostOutput verbose(LogLevel::debug);
    CHECK(shown(verbose, started("0x1", "tcp 127.0.0.1:6000", "127.0.0.1"), t0) ==
          started("0x1", "tcp 127.0.0.1:6000", "127.0.0.1") + "\n");
}

TEST_CASE("Wine host output: a dialog is in flight from its start line to its audit line") {
    WineHostOutput output(LogLevel::info);
    CHECK_FALSE(shown(output, started("0x70000001", "tcp 127.0.0.1:6000", "127.0.0.1"), t0));
    CHECK_FALSE(shown(output, started("0x70000002", "tcp [::1]:6001", "::1"), t0 + std::chrono::seconds(1)));
    CHECK(output.dialogs_in_flight() == 2);
    CHECK(shown(output, audit("0x70000001", "tcp 127.0.0.1:6000"), t0) == audit("0x70000001", "tcp 127.0.0.1:6000") + "\n");
    REQUIRE(output.dialogs_in_flight() == 1);
    const auto left = output.in_flight(1067, "crashed (test)", t0 + std::chrono::seconds(3));
    REQUIRE(left.size() == 1);
    CHECK(rasshost::audit_record(left[0]) ==
          "verdict=ABORTED port=\"tcp [::1]:6001\" peer=::1 hport=0x70000002 user=\"\" domain=\"\" error=1067 "
          "reason=\"crashed (test)\" duration=2.000 sent=0 received=0");
}

TEST_CASE("Wine host output: an audit line read before its dialog's start line leaves nothing in flight") {
    WineHostOutput output(LogLevel::info);
    shown(output, audit("0x7", "tcp 127.0.0.1:6000"), t0);  // stdout read before stderr
    CHECK(output.dialogs_in_flight() == 0);
    shown(output, started("0x7", "tcp 127.0.0.1:6000", "127.0.0.1"), t0);
    CHECK(output.dialogs_in_flight() == 0);
    shown(output, started("0x7", "tcp 127.0.0.1:6002", "127.0.0.1"), t0);  // the handle used again
    CHECK(output.dialogs_in_flight() == 1);
}

TEST_CASE("Wine host output: malformed start and audit lines track nothing") {
    WineHostOutput output(LogLevel::trace);
    for (const char* text : {"rasshost-serve: debug: port 0x: dialog started on tcp 1.2.3.4:5 peer=1.2.3.4",
                             "rasshost-serve: debug: port 0xZZ: dialog started on tcp 1.2.3.4:5 peer=1.2.3.4",
                             "rasshost-serve: debug: port 0x1: dialog started on tcp 1.2.3.4:5",
                             "rasshost-serve: debug: port 0x10000000000000000: dialog started on x peer=-",
                             "rasshost-serve: debug: port 0x1 dialog started on x peer=-",
                             "rasshost-serve: nonsense: port 0x1: dialog started on x peer=-"})
        CHECK(shown(output, text, t0).has_value());
    CHECK(output.dialogs_in_flight() == 0);
    shown(output, "2027-01-15T08:00:00.000Z rasshost-serve[32]: audit verdict=SUCCESS port=\"x\" hport=0x", t0);
    shown(output, "2027-01-15T08:00:00.000Z rasshost-serve[32]: audit verdict=SUCCESS port=\"x", t0);
    CHECK(output.dialogs_in_flight() == 0);
}

TEST_CASE("Wine host output: a mapped COM port is shown by its Linux name in the lines that name it") {
    WineHostOutput output(LogLevel::debug);
    output.rename("COM1", "/dev/ttyUSB0");
    output.rename("COM2", "pty /dev/pts/7");
    CHECK(shown(output, "rasshost-serve: info: ready: serial COM1", t0) ==
          "rasshost-serve: info: ready: serial /dev/ttyUSB0\n");
    CHECK(shown(output, "rasshost-serve: info: ready: serial COM2", t0) == "rasshost-serve: info: ready: pty /dev/pts/7\n");
    CHECK(shown(output, "COM2: SUCCESS user \"COM2\" domain \"\" error 0", t0) ==
          "pty /dev/pts/7: SUCCESS user \"COM2\" domain \"\" error 0\n");
    CHECK(shown(output, audit("0x9", "COM1", "FAILURE"), t0) == audit("0x9", "/dev/ttyUSB0", "FAILURE") + "\n");
    // Only whole names: COM10 is another port.
    CHECK(shown(output, "rasshost-serve: info: ready: serial COM10", t0) == "rasshost-serve: info: ready: serial COM10\n");
    shown(output, started("0x3", "COM2", "-"), t0);
    output.rename("COM2", "pty /dev/pts/9");  // the caller's next pty
    const auto left = output.in_flight(1067, "crashed", t0);
    REQUIRE(left.size() == 1);
    CHECK(left[0].device == "pty /dev/pts/9");
    CHECK(left[0].peer.empty());
}

TEST_CASE("Wine host output: what it tracks is bounded") {
    WineHostOutput output(LogLevel::info);
    for (std::size_t i = 0; i < WineHostOutput::max_tracked + 10; ++i)
        shown(output, started(("0x" + std::to_string(i + 1)).c_str(), "tcp 1.2.3.4:5", "1.2.3.4"), t0);
    CHECK(output.dialogs_in_flight() == WineHostOutput::max_tracked);
}

TEST_CASE("Wine host output: the host's own line on its crash is shown and kept for the dialogs' reason") {
    WineHostOutput output(LogLevel::info);
    CHECK(output.crash().empty());
    CHECK(shown(output, "rasshost-serve: error: crashed: exception 0xC0000005 at 0x6284167F", t0) ==
          "rasshost-serve: error: crashed: exception 0xC0000005 at 0x6284167F\n");
    CHECK(output.crash() == "exception 0xC0000005 at 0x6284167F");
    shown(output, "rasshost-serve: error: crashed: " + std::string(1000, 'x'), t0);  // bounded
    CHECK(output.crash().size() == 128);
}

TEST_CASE("Wine host output: each line shown says what kind it is, for its syslog priority") {
    WineHostOutput output(LogLevel::debug);
    CHECK(output.line("rasshost-serve: warning: Begin failed", t0)->level == LogLevel::warning);
    CHECK(output.line(started("0x1", "tcp 1.2.3.4:5", "1.2.3.4"), t0)->level == LogLevel::debug);
    CHECK(output.line(audit("0x1", "tcp 1.2.3.4:5"), t0)->verdict);
    CHECK(output.line("tcp 1.2.3.4:5: SUCCESS user \"eve\" domain \"\" error 0", t0)->verdict);
    const auto other = output.line("wine: something", t0);
    CHECK_FALSE(other->verdict);
    CHECK_FALSE(other->level.has_value());
}
