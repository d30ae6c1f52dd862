// Whether a call from the network may start a dialog: the caps on dialogs
// at once (in all and per source) and the per-source penalties. A refused
// call gets one line and is closed; no dialog starts and the DLL never sees
// it. Lines without a peer address (serial, pty, stdio) are counted in the
// total but never refused: each is one dialog the operator set up.
#pragma once

#include "common/source_penalties.hpp"

#include <rasshost/host.hpp>
#include <rasshost/port.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rasshost {

class RASSHOST_API CallAdmission {
public:
    using Clock = std::chrono::steady_clock;
    using Log = std::function<void(LogLevel, const std::string&)>;

    CallAdmission(const CallLimits& limits, Log log);

    // A call from `peer` ("" for a line without an address). Admitted: it
    // counts until release(peer) and the result is empty; refused: the line
    // to send the caller.
    std::optional<std::string_view> admit(const std::string& peer, Clock::time_point now = Clock::now());
    // The admitted call from `peer` is over.
    void release(const std::string& peer);
    // A failed attempt from `peer` (`what` for the log); may start a penalty.
    void failure(const std::string& peer, std::string_view what, Clock::time_point now = Clock::now());

    // What counts against a source besides a FAILURE verdict, which is
    // counted as the host acts on it: a dialog that ran out of time, or a
    // caller who hung up once the DLL had said something (a guess, then a
    // hang-up before the verdict or the failure delay). Null if nothing.
    static const char* failed_attempt(const DialogOutcome& outcome);

    // Dialogs admitted and not yet released.
    std::size_t admitted() const;

private:
    std::optional<std::string_view> refusal(const std::string& source, Clock::time_point now);
    void note_refusal(std::string_view why, const std::string& source, Clock::time_point now);

    const CallLimits limits_;
    const Log log_;
    mutable std::mutex mutex_;
    SourcePenalties penalties_;
    std::size_t total_ = 0;
    std::unordered_map<std::string, std::size_t> per_source_;  // sources with dialogs now: bounded by them
    // Refusals are logged at most once per interval, with their count.
    Clock::time_point refusals_logged_{};
    std::uint64_t refusals_unlogged_ = 0;
    Clock::time_point overflow_logged_{};
};

// Sends `line` (static text) to the caller, then closes the port; a caller
// who does not read is closed after 2 s anyway.
RASSHOST_API void refuse_call(std::unique_ptr<Port> port, std::string_view line);

}  // namespace rasshost
