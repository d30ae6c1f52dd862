// The event log: RegisterEventSourceA/W, ReportEventA/W and
// DeregisterEventSource return what Windows returns (both builds); the
// emulation's lines -- level, source, ID, escaped inserts, data size -- are
// checked through the sink (rasshost/event_log.hpp).
#include <doctest/doctest.h>
#include <rasshost/event_log.hpp>
#include <rasshost/host.hpp>
#include <rasshost/win32.h>

#include <asio/io_context.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "support/platform_cases.hpp"

namespace {

// Collects the lines of the sink while it lives.
class CapturedLines {
public:
    CapturedLines() {
        rasshost::set_event_log_sink([this](rasshost::LogLevel level, std::string_view line) {
            std::lock_guard lock(mutex_);
            lines_.emplace_back(level, std::string(line));
        });
    }
    ~CapturedLines() { rasshost::set_event_log_sink(nullptr); }
    CapturedLines(const CapturedLines&) = delete;
    CapturedLines& operator=(const CapturedLines&) = delete;

    std::vector<std::pair<rasshost::LogLevel, std::string>> lines() {
        std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    std::mutex mutex_;
    std::vector<std::pair<rasshost::LogLevel, std::string>> lines_;
};

DWORD WINAPI never_begin(HPORT, PBYTE, DWORD, PBYTE, DWORD, RASSHOST_PFN_COMPLETE) { return ERROR_SUCCESS; }
DWORD WINAPI never_end(HPORT) { return ERROR_SUCCESS; }

}  // namespace

TEST_CASE("RegisterEventSourceA, ReportEventA and DeregisterEventSource succeed on this machine") {
    CapturedLines captured;  // keeps the emulation's lines out of syslog
    const HANDLE source = RegisterEventSourceA(nullptr, "RasshostEventLogTest");
    REQUIRE(source != nullptr);
    LPCSTR strings[] = {"first insert", "second insert"};
    CHECK(ReportEventA(source, EVENTLOG_INFORMATION_TYPE, 0, 1000, nullptr, 2, 0, strings, nullptr) == TRUE);
    char data[4] = {1, 2, 3, 4};
    CHECK(ReportEventA(source, EVENTLOG_WARNING_TYPE, 1, 1001, nullptr, 0, sizeof data, nullptr, data) == TRUE);
    CHECK(DeregisterEventSource(source) == TRUE);
}

TEST_CASE("RegisterEventSourceW and ReportEventW take wide strings") {
    CapturedLines captured;
    const HANDLE source = RegisterEventSourceW(nullptr, L"RasshostEventLogTest");
    REQUIRE(source != nullptr);
    LPCWSTR strings[] = {L"wide insert"};
    CHECK(ReportEventW(source, EVENTLOG_ERROR_TYPE, 0, 1002, nullptr, 1, 0, strings, nullptr) == TRUE);
    CHECK(DeregisterEventSource(source) == TRUE);
}

TEST_CASE("Each event type becomes its level, the line names source, type, ID and inserts" *
          platform_cases::posix_emulation_only) {  // on Windows the lines go to the real event log
    CapturedLines captured;
    const HANDLE source = RegisterEventSourceA(nullptr, "AcmeSec");
    REQUIRE(source != nullptr);
    LPCSTR one[] = {"user \"bob\""};
    const WORD types[] = {EVENTLOG_ERROR_TYPE, EVENTLOG_WARNING_TYPE, EVENTLOG_INFORMATION_TYPE,
                          EVENTLOG_SUCCESS, EVENTLOG_AUDIT_SUCCESS, EVENTLOG_AUDIT_FAILURE};
    for (const WORD type : types) REQUIRE(ReportEventA(source, type, 0, 0xC0000000u | 42u, nullptr, 1, 0, one, nullptr));
    const auto lines = captured.lines();
    REQUIRE(lines.size() == 6);
    using rasshost::LogLevel;
    const LogLevel levels[] = {LogLevel::error, LogLevel::warning, LogLevel::info,
                               LogLevel::info,  LogLevel::info,    LogLevel::warning};
    const char* names[] = {"error", "warning", "information", "success", "audit-success", "audit-failure"};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(lines[i].first == levels[i]);
        CHECK(lines[i].second == std::string("event \"AcmeSec\" ") + names[i] + " 42: \"user \\\"bob\\\"\"");
    }
    CHECK(DeregisterEventSource(source) == TRUE);
}

TEST_CASE("Inserts are escaped like remote-supplied strings, the raw data shows as its size" *
          platform_cases::posix_emulation_only) {
    CapturedLines captured;
    const HANDLE source = RegisterEventSourceA(nullptr, "Acme\nSec");
    REQUIRE(source != nullptr);
    LPCSTR strings[] = {"line\r\nforged", "caf\xe9", ""};
    char data[16] = {};
    REQUIRE(ReportEventA(source, EVENTLOG_ERROR_TYPE, 0, 7, nullptr, 3, sizeof data, strings, data));
    LPCWSTR wide[] = {L"\x263A"};
    REQUIRE(ReportEventW(source, EVENTLOG_ERROR_TYPE, 0, 8, nullptr, 1, 0, wide, nullptr));
    const auto lines = captured.lines();
    REQUIRE(lines.size() == 2);
    // The A strings are in the ANSI code page: 0xE9 is U+00E9.
    CHECK(lines[0].second ==
          "event \"Acme\\x0aSec\" error 7: \"line\\x0d\\x0aforged\" \"caf\xc3\xa9\" \"\" (16 bytes of data)");
    CHECK(lines[1].second == "event \"Acme\\x0aSec\" error 8: \"\xe2\x98\xba\"");
    CHECK(DeregisterEventSource(source) == TRUE);
}

TEST_CASE("A very long insert is cut to Windows' limit and marked" * platform_cases::posix_emulation_only) {
    CapturedLines captured;
    const HANDLE source = RegisterEventSourceA(nullptr, "AcmeSec");
    REQUIRE(source != nullptr);
    const std::string huge(100000, 'x');
    LPCSTR strings[] = {huge.c_str()};
    REQUIRE(ReportEventA(source, EVENTLOG_INFORMATION_TYPE, 0, 1, nullptr, 1, 0, strings, nullptr));
    const auto lines = captured.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].second.size() < 32000 + 40);
    CHECK(lines[0].second.find("x...\"") != std::string::npos);
    CHECK(DeregisterEventSource(source) == TRUE);
}

TEST_CASE("A deregistered or forged event source fails with ERROR_INVALID_HANDLE" *
          platform_cases::posix_emulation_only) {  // Windows' RPC layer may fault instead
    const HANDLE source = RegisterEventSourceA(nullptr, "AcmeSec");
    REQUIRE(source != nullptr);
    CHECK(CloseHandle(source) == FALSE);  // not a kernel object
    REQUIRE(DeregisterEventSource(source) == TRUE);
    LPCSTR strings[] = {"x"};
    CHECK(ReportEventA(source, EVENTLOG_ERROR_TYPE, 0, 1, nullptr, 1, 0, strings, nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(DeregisterEventSource(source) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(DeregisterEventSource(nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("Missing strings or data, a NULL source name, another machine: refused" *
          platform_cases::posix_emulation_only) {
    CapturedLines captured;
    const HANDLE source = RegisterEventSourceA(nullptr, "AcmeSec");
    REQUIRE(source != nullptr);
    CHECK(ReportEventA(source, EVENTLOG_ERROR_TYPE, 0, 1, nullptr, 2, 0, nullptr, nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    LPCSTR with_null[] = {"x", nullptr};
    CHECK(ReportEventA(source, EVENTLOG_ERROR_TYPE, 0, 1, nullptr, 2, 0, with_null, nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(ReportEventA(source, EVENTLOG_ERROR_TYPE, 0, 1, nullptr, 0, 8, nullptr, nullptr) == FALSE);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(captured.lines().empty());
    CHECK(DeregisterEventSource(source) == TRUE);
    CHECK(RegisterEventSourceA(nullptr, nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(RegisterEventSourceA("\\\\elsewhere", "AcmeSec") == nullptr);
    CHECK(GetLastError() == RPC_S_SERVER_UNAVAILABLE);
}

TEST_CASE("With no sink set, the lines go to the log of the running host, and no longer once it is gone" *
          platform_cases::posix_emulation_only) {
    std::mutex mutex;
    std::vector<std::pair<rasshost::LogLevel, std::string>> logged;
    asio::io_context io;
    const HANDLE source = RegisterEventSourceA(nullptr, "AcmeSec");
    REQUIRE(source != nullptr);
    LPCSTR strings[] = {"seen"};
    {
        rasshost::HostOptions options;
        options.on_log = [&](rasshost::LogLevel level, std::string_view line) {
            std::lock_guard lock(mutex);
            logged.emplace_back(level, std::string(line));
        };
        rasshost::SecurityHost host(io, rasshost::SecurityDll{&never_begin, &never_end}, options);
        REQUIRE(ReportEventA(source, EVENTLOG_WARNING_TYPE, 0, 5, nullptr, 1, 0, strings, nullptr));
    }
    {
        CapturedLines captured;  // after the host: the sink gets it, the host's log does not
        REQUIRE(ReportEventA(source, EVENTLOG_WARNING_TYPE, 0, 6, nullptr, 1, 0, strings, nullptr));
        CHECK(captured.lines().size() == 1);
    }
    std::lock_guard lock(mutex);
    bool found = false;
    for (const auto& [level, line] : logged) {
        if (line.rfind("event ", 0) != 0) continue;
        CHECK(level == rasshost::LogLevel::warning);
        CHECK(line == "event \"AcmeSec\" warning 5: \"seen\"");
        CHECK_FALSE(found);
        found = true;
    }
    CHECK(found);
    CHECK(DeregisterEventSource(source) == TRUE);
}
