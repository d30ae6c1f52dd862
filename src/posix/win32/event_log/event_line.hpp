// One ReportEvent call as one log line (docs/decisions.md#event-log).
#pragma once

#include <rasshost/host.hpp>
#include <rasshost/win32.h>

#include <string>
#include <string_view>
#include <vector>

namespace rasshost::posix {

struct EventRecord {
    std::string_view source;            // UTF-8
    WORD type = 0;                      // EVENTLOG_*
    DWORD id = 0;                       // as given; the line shows the low 16 bits, as Event Viewer does
    std::vector<std::string> strings;   // UTF-8, each already cut to the limit
    DWORD data_size = 0;
};

// The longest insert string kept (Windows refuses longer ones: 31839
// characters); a longer one is cut and ends with "...".
constexpr std::size_t max_insert_chars = 31839;

// `event "SOURCE" error 1000: "insert" "insert" (N bytes of data)`, every
// string escaped with log_escape.
std::string event_line(const EventRecord& record);

// The host log level and the syslog priority of an event type.
LogLevel event_level(WORD type) noexcept;
int event_priority(WORD type) noexcept;

}  // namespace rasshost::posix
