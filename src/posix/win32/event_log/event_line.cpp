// Event lines and levels (event_line.hpp).
#include "posix/win32/event_log/event_line.hpp"

#include <rasshost/log_escape.hpp>

#include <syslog.h>

namespace rasshost::posix {
namespace {

std::string_view type_name(WORD type) noexcept {
    switch (type) {
        case EVENTLOG_SUCCESS: return "success";
        case EVENTLOG_ERROR_TYPE: return "error";
        case EVENTLOG_WARNING_TYPE: return "warning";
        case EVENTLOG_INFORMATION_TYPE: return "information";
        case EVENTLOG_AUDIT_SUCCESS: return "audit-success";
        case EVENTLOG_AUDIT_FAILURE: return "audit-failure";
        default: return "information";  // Windows' Event Viewer shows unknown types so too
    }
}

}  // namespace

std::string event_line(const EventRecord& record) {
    std::string line = "event \"" + log_escape(record.source) + "\" ";
    line += type_name(record.type);
    line += ' ' + std::to_string(record.id & 0xFFFFu) + ':';
    for (const auto& text : record.strings) line += " \"" + log_escape(text) + '"';
    if (record.data_size != 0) line += " (" + std::to_string(record.data_size) + " bytes of data)";
    return line;
}

LogLevel event_level(WORD type) noexcept {
    switch (type) {
        case EVENTLOG_ERROR_TYPE: return LogLevel::error;
        case EVENTLOG_WARNING_TYPE:
        case EVENTLOG_AUDIT_FAILURE: return LogLevel::warning;
        default: return LogLevel::info;
    }
}

int event_priority(WORD type) noexcept {
    switch (type) {
        case EVENTLOG_ERROR_TYPE: return LOG_ERR;
        case EVENTLOG_WARNING_TYPE:
        case EVENTLOG_AUDIT_FAILURE: return LOG_WARNING;
        case EVENTLOG_AUDIT_SUCCESS: return LOG_NOTICE;
        default: return LOG_INFO;
    }
}

}  // namespace rasshost::posix
