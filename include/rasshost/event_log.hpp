// rasshost/event_log.hpp - where ReportEventA/W's lines go on POSIX.
//
// A security DLL reports to the Windows event log; the emulation writes one
// line per event (docs/decisions.md#event-log): to the sink installed here
// if there is one, else to the log of the newest running host that has a
// HostOptions::on_log (the test kit's hosts included), else to syslog
// (which journald reads). On Windows ReportEvent is the real one and these
// sinks receive nothing.
#pragma once

#include "config.h"
#include "host.hpp"

#include <functional>
#include <string_view>

namespace rasshost {

/** Receives one event line (UTF-8, escaped, no newline) and its level:
 *  error for EVENTLOG_ERROR_TYPE, warning for EVENTLOG_WARNING_TYPE and
 *  EVENTLOG_AUDIT_FAILURE, info for the others. */
using EventLogSink = std::function<void(LogLevel, std::string_view)>;

/** Installs the process-wide sink, ahead of any host's log; an empty
 *  function uninstalls it. Thread-safe. */
RASSHOST_API void set_event_log_sink(EventLogSink sink);

}  // namespace rasshost
