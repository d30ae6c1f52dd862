// Where the emulation's event-log lines go (rasshost/event_log.hpp): the
// installed sink, else the newest live host route, else the caller's own
// fallback (syslog).
#pragma once

#include <rasshost/event_log.hpp>

#include <cstdint>

namespace rasshost {

// A running host's log as a route for event lines, for as long as it lives.
class EventLogRoute {
public:
    explicit EventLogRoute(EventLogSink sink);
    ~EventLogRoute();
    EventLogRoute(const EventLogRoute&) = delete;
    EventLogRoute& operator=(const EventLogRoute&) = delete;

private:
    std::uint64_t id_;
};

// Delivers a line to the sink or the newest route; false when there is
// neither.
bool deliver_event_line(LogLevel level, std::string_view line);

}  // namespace rasshost
