// rasshost/host.hpp - SecurityHost, the RAS server side: loads a security
// DLL, runs one dialog per call on any number of ports, enforces the
// timeouts and reports each dialog's outcome (docs/architecture.md).
#pragma once

#include "config.h"
#include "dialog.hpp"
#include "port.hpp"
#include "rasshost.h"

#include <asio/io_context.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rasshost {

/** The two entry points of a security DLL. */
struct SecurityDll {
    RASSHOST_PFN_BEGIN begin = nullptr;
    RASSHOST_PFN_END end = nullptr;
};

/** How much a log line (HostOptions::on_log) matters, least first: a
 *  host shows the lines at or above a threshold (rasshost-serve
 *  --log-level, default info). */
enum class LogLevel {
    trace,    ///< finer than debug, for an embedder's own lines; the library logs none
    debug,    ///< each step of a call: a dialog started, a failure counted against a source
    info,     ///< what an operator follows: listening, each dialog's verdict, End's grace period
    warning,  ///< a call or a DLL misbehaved and the host coped: Begin failed, input dropped,
              ///< a timeout, a second Complete, refused calls, a listener open to all interfaces
    error,    ///< the host could not do its job: a listener failed, a DLL did not finish at shutdown
};

/** "trace", "debug", "info", "warning" or "error". */
RASSHOST_API std::string_view to_string(LogLevel level) noexcept;

/** What a transcript shows of the remote user's input. */
enum class TranscriptInput {
    masked,  ///< the default: typed bytes and the DLL's echo of them are '*'
    plain,   ///< as typed, secrets included: for debugging a DLL on a test line only
};

/** Limits on calls from the network: they apply to a call a listener
 *  given to serve() produces whose line has a peer address (tcp); a
 *  serial, pty or stdio line, which the operator set up one dialog at a
 *  time, counts towards max_dialogs but is never refused, and a port handed
 *  to start_dialog() is neither counted nor refused. A refused call gets
 *  one line and is closed: no dialog starts, the DLL never sees it. A
 *  source is an IPv4 address or an IPv6 /64. All are off in a default HostOptions (an
 *  embedder or the test kit picks its own); rasshost-serve turns them on
 *  with the values in brackets, sshd's and login's. */
struct CallLimits {
    std::size_t max_dialogs = 0;             ///< dialogs at once over all ports; 0 = no cap [100]
    std::size_t max_dialogs_per_source = 0;  ///< dialogs at once from one source; 0 = no cap [10]
    /** Failures from one source within `failure_window` that start a
     *  penalty: its calls are refused for `penalty`, doubled on each
     *  repeat up to `max_penalty`. A failure is a FAILURE verdict, a dialog
     *  timeout, or a hang-up after the DLL sent something. 0 = no
     *  penalties [5]. */
    unsigned max_failures = 0;
    std::chrono::seconds failure_window{60};  ///< [60 s]
    std::chrono::seconds penalty{30};         ///< the first penalty [30 s]
    /** The longest penalty [600 s]; a source with no failure and no
     *  penalty for this long is forgotten (its next penalty is `penalty`
     *  again). */
    std::chrono::seconds max_penalty{600};
    /** Sources remembered at once [10000]. When full, the one whose last
     *  failure is oldest among those not under penalty gives way; if every
     *  one is under penalty, a new source is not tracked until one is. */
    std::size_t max_sources = 10000;
};

/** Settings of a host; the defaults follow docs/decisions.md and the
 *  bounds are in docs/limits.md.
 *  The defenses against guessing (fail_delay, limits, dialog_timeout) are
 *  off here, so that an embedder and the test kit choose; rasshost-serve
 *  turns them on by default. */
struct HostOptions {
    std::size_t send_buffer_size = 1500;    ///< pSendBuf bytes, 1..65535
    std::size_t receive_buffer_size = 1500; ///< pRecvBuf bytes, 1..65535
    std::size_t input_queue_limit = 4096;   ///< input kept with no Receive pending
    std::size_t output_queue_limit = 1 << 20; ///< Send bytes not yet written; beyond: ERROR_NOT_ENOUGH_MEMORY
    std::chrono::seconds dialog_timeout{0}; ///< Begin..Complete; 0 = none
    std::chrono::seconds end_grace_period{30}; ///< after End returned NO_ERROR
    std::chrono::seconds flush_timeout{5};  ///< final output before hanging up
    bool receive_timeout_is_error = false;  ///< LastError 638 instead of SUCCESS on timeout
    /** After a FAILURE verdict, once its final output is flushed, the line
     *  is held this long before the hang-up and End (login's FAIL_DELAY);
     *  input meanwhile is discarded. A caller who hangs up during it still
     *  counts against max_dialogs_per_source until it is over. 0 = none
     *  (rasshost-serve: 3 s). */
    std::chrono::seconds fail_delay{0};
    CallLimits limits;  ///< calls from the network; off unless set
    /** Each finished dialog, on a host thread. */
    std::function<void(const DialogOutcome&)> on_outcome;
    /** Each dialog as it starts, on a host thread: its port, device, peer
     *  and start time (a transcript's open record). */
    std::function<void(const DialogOutcome& started)> on_dialog_started;
    /** The number of dialogs in flight, each time a dialog starts or ends,
     *  on a host thread (a service manager's status line). */
    std::function<void(std::size_t)> on_dialogs_in_flight;
    /** After a SUCCESS verdict and its last output, the call is handed over,
     *  as a RAS server moved the line on to PPP (rasshost-serve
     *  --on-success): called on a host thread with the verdict, a descriptor
     *  for the line (Port::hand_over), which it then owns, and `done`, to
     *  call on any thread once the program the line went to has ended; the
     *  dialog is in flight until then, and its line is hung up and End
     *  called after it. Unset: the line is hung up at once. A line that
     *  cannot be handed over (a loopback, Windows) is hung up, with a
     *  warning. */
    std::function<void(const DialogOutcome& verdict, std::intptr_t line, std::function<void()> done)> hand_over;
    /** Log lines. Received bytes never appear in them; names from the DLL
     *  do, escaped with log_escape(). */
    std::function<void(LogLevel, std::string_view)> on_log;
    /** Optional transcript of a dialog's bytes, for debugging a DLL: what
     *  the DLL sent (from_remote false) and what the remote user typed as
     *  the DLL received it (from_remote true). Off unless set. With
     *  transcript_input masked (the default) no typed byte shows, whatever
     *  the timing: received bytes are '*' (CR and LF kept), and so are sent
     *  bytes that repeat them -- the DLL's echo of a callback number, a
     *  message quoting it; some other sent bytes may be masked too. */
    std::function<void(HPORT port, bool from_remote, std::string_view bytes)> on_transcript;
    /** plain: input and its echo recorded as typed, passwords included. */
    TranscriptInput transcript_input = TranscriptInput::masked;
};

/** A start-up error: missing DLL, missing export, bad option. */
class RASSHOST_API HostError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** The RAS server side. I/O runs on the given io_context (run it on one
 *  thread or more); Begin and End run on one host thread of their own,
 *  serialized (docs/decisions.md#begin-threading), never under a lock. */
class RASSHOST_API SecurityHost {
public:
    /** A host over entry points linked into the program (tests). Throws
     *  HostError if either is null or an option is out of range. */
    SecurityHost(asio::io_context& io, SecurityDll dll, HostOptions options = {});
    /** A host over a DLL file: LoadLibrary, then RasSecurityDialogBegin and
     *  RasSecurityDialogEnd. Throws HostError naming what is missing. */
    SecurityHost(asio::io_context& io, const std::filesystem::path& dll_path, HostOptions options = {});
    /** Shuts down (see shutdown()) and unloads the DLL. */
    ~SecurityHost();
    SecurityHost(const SecurityHost&) = delete;
    SecurityHost& operator=(const SecurityHost&) = delete;

    /** Runs a dialog on every call the listener produces, until shutdown,
     *  or until `max_calls` calls were taken (then the listener is closed). */
    void serve(std::unique_ptr<PortListener> listener, std::size_t max_calls = SIZE_MAX);

    /** Runs one dialog on an already connected port. Returns its HPORT. */
    HPORT start_dialog(std::unique_ptr<Port> port);

    /** Stops listening and ends every live dialog (End for each),
     *  waiting for them up to the grace period. Call it from a thread that
     *  is not running the io_context, or let the destructor do it. */
    void shutdown();

    /** Dialogs not yet finished. */
    std::size_t live_dialogs() const;

    /** The host's options. */
    const HostOptions& options() const noexcept;

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rasshost
