// rasshost/dialog.hpp - what one security dialog produces: its verdict and
// the record the host reports when it is over
// (docs/decisions.md#verdict-reporting).
#pragma once

#include "config.h"
#include "rasshost.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace rasshost {

/** How a dialog ended. Only `success` means the DLL accepted the user: it
 *  said SECURITYMSG_SUCCESS for that HPORT, Begin had succeeded, and
 *  nothing aborted the dialog first (no hang-up, timeout or shutdown). */
enum class Verdict {
    success,  ///< SECURITYMSG_SUCCESS
    failure,  ///< SECURITYMSG_FAILURE
    error,    ///< SECURITYMSG_ERROR (or an out-of-range dwMsgId)
    aborted   ///< no verdict: Begin failed, hang-up, dialog timeout, shutdown
};

/** "SUCCESS", "FAILURE", "ERROR" or "ABORTED". */
RASSHOST_API std::string_view to_string(Verdict verdict) noexcept;

/** What the host reports once a dialog is over. The names are the DLL's
 *  bytes as they are: pass them through log_escape() (log_escape.hpp) or
 *  audit_record() (audit.hpp) before they reach a log. */
struct DialogOutcome {
    HPORT port = nullptr;
    std::string device;       ///< the port's device name
    std::string peer;         ///< Port::peer_address(): empty for serial, pty, stdio
    Verdict verdict = Verdict::aborted;
    DWORD error = 0;          ///< dwError; Begin's code; 619 hang-up; 638 dialog
                              ///< timeout; 631 shutdown
    std::string user;         ///< SECURITY_MESSAGE.UserName
    std::string domain;       ///< SECURITY_MESSAGE.Domain
    std::string reason;       ///< "complete", "begin failed", "hang-up",
                              ///< "dialog timeout", "shutdown"
    std::chrono::system_clock::time_point started;
    std::chrono::system_clock::time_point ended;
    std::uint64_t bytes_received = 0;  ///< from the remote user
    std::uint64_t bytes_sent = 0;      ///< to the remote user
    std::uint64_t bytes_dropped = 0;   ///< input lost to the queue bound
};

}  // namespace rasshost
