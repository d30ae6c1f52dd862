// rasshost/audit.hpp - the audit record of a finished dialog: one line of
// key=value pairs an operator, a log search or fail2ban can match by source.
#pragma once

#include "config.h"
#include "dialog.hpp"

#include <chrono>
#include <string>

namespace rasshost {

/** "2026-12-06T21:55:01.123Z": RFC 3339, UTC, milliseconds. */
RASSHOST_API std::string rfc3339_utc(std::chrono::system_clock::time_point time);

/** The record, keys always present and in this order:
 *
 *    verdict=FAILURE port="tcp 127.0.0.1:40122" peer=127.0.0.1 hport=0x7
 *    user="alice" domain="" error=0 reason="complete" duration=1.234
 *    sent=57 received=13
 *
 *  verdict is SUCCESS, FAILURE, ERROR or ABORTED; port is the device name;
 *  peer the caller's address, "-" for a line without one (serial, pty,
 *  stdio); error the dialog's DWORD code; duration the seconds from the
 *  call to the end of the dialog; sent and received the bytes to and from
 *  the caller. Quoted values are escaped with log_escape(), so no value
 *  holds a space outside quotes, an unescaped quote or a control byte. */
RASSHOST_API std::string audit_record(const DialogOutcome& outcome);

}  // namespace rasshost
