// The host-facing half of a dialog: Begin, the dialog timeout, the loss of
// the line, and the way from the verdict to End and teardown
// (docs/decisions.md#begin-threading to docs/decisions.md#abnormal-termination).
//
//   start -> Begin -> running -> verdict: flush, hang up -> End -> teardown
//                           \-> hang-up / timeout / shutdown: fail the
//                               pending receive (619), hang up -> End
//   End returning NO_ERROR waits (grace period) for one more Complete.
// Every step is a move of state_ (dialog_state.hpp), made under mutex_.
#include "common/dialog.hpp"

#include "common/dialog_registry.hpp"

#include <rasshost/log_escape.hpp>

#include <asio/post.hpp>

#include <utility>

namespace rasshost {

Dialog::Dialog(std::shared_ptr<HostContext> host, std::unique_ptr<Port> port, HPORT hport,
               std::shared_ptr<DialogBuffers> buffers)
    : object_token_(host),
      host_(std::move(host)),
      port_(std::move(port)),
      hport_(hport),
      strand_(asio::make_strand(port_->get_executor())),
      receive_timer_(strand_),
      dialog_timer_(strand_),
      end_timer_(strand_),
      buffers_(std::move(buffers)),
      send_buffer_(buffers_->send),
      receive_buffer_(buffers_->receive),
      input_(host_->options.input_queue_limit) {
    outcome_.port = hport_;
    outcome_.device = port_->device_name();
    outcome_.peer = port_->peer_address();
}

Dialog::~Dialog() {
    // Secrets may remain in the buffers if teardown never ran (host torn down
    // early); the quarantine wipes the pair it takes. The input ring's block
    // is wiped by its allocator as it goes.
    if (buffers_->line_owned)
        buffers_->wipe();
    else
        host_->quarantine.put(buffers_);
}

void Dialog::start() {
    outcome_.started = std::chrono::system_clock::now();
    on_strand([](Dialog& d) { d.read_next(); });
    host_->begin_thread.post([self = shared_from_this()] { self->call_begin(); });
}

void Dialog::abort_for_shutdown() {
    on_strand([](Dialog& d) { d.abort("shutdown", ERROR_USER_DISCONNECTION, true); });
}

// ---- Begin and End, on the host's DLL-call threads ----

void Dialog::call_begin() {
    {
        std::lock_guard lock(mutex_);
        if (!state_.on(DialogEvent::begin_called)) return;  // hung up before its turn came
    }
    if (host_->options.dialog_timeout.count() > 0) on_strand([](Dialog& d) { d.arm_dialog_timer(); });
    // No lock is held across the call: the DLL may call Send/Receive/GetInfo
    // and even Complete from inside Begin (docs/decisions.md#begin-threading).
    const DWORD result = host_->dll.begin(hport_, send_buffer_.data(), static_cast<DWORD>(send_buffer_.size()),
                                          receive_buffer_.data(), static_cast<DWORD>(receive_buffer_.size()),
                                          &RasSecurityDialogComplete);
    after_begin(result);
}

void Dialog::after_begin(DWORD result) {
    std::unique_lock lock(mutex_);
    if (result != NO_ERROR) {
        // The transaction fails whatever Complete said; no End
        // (docs/decisions.md#no-end-after-a-failed-begin).
        host_->log(LogLevel::warning, "port {}: RasSecurityDialogBegin failed with {}",
                   static_cast<const void*>(hport_), result);
        state_.on(DialogEvent::begin_failed);
        outcome_.reason = "begin failed";
        outcome_.error = result;
        cancel_pending_receive_locked();
        lock.unlock();
        wait_for_signals();  // no End follows: the DLL may free its event now
        on_strand([](Dialog& d) { d.hang_up_and_end(); });
        return;
    }
    state_.on(DialogEvent::begin_returned);
    const bool aborted = state_.aborted();
    const bool verdict = state_.verdict_given();
    lock.unlock();
    if (aborted)
        on_strand([](Dialog& d) { d.hang_up_and_end(); });
    else if (verdict)
        on_strand([](Dialog& d) { d.after_verdict(); });
}

void Dialog::call_end() {
    wait_for_signals();  // End may free the DLL's event
    {
        std::lock_guard lock(mutex_);
        state_.on(DialogEvent::end_called);  // from now on a Complete answers End in advance
    }
    const DWORD result = host_->dll.end(hport_);
    on_strand([result](Dialog& d) { d.after_end(result); });
}

// ---- the lifecycle on the strand: timeout, loss, verdict, hang-up, End, teardown ----

void Dialog::arm_dialog_timer() {
    dialog_timer_.expires_after(host_->options.dialog_timeout);
    dialog_timer_.async_wait([self = shared_from_this()](const std::error_code& error) {
        if (!error) self->on_dialog_timeout();
    });
}

void Dialog::on_dialog_timeout() {
    {
        std::lock_guard lock(mutex_);
        if (state_.verdict_given()) return;
    }
    host_->log(LogLevel::warning, "port {}: dialog timeout ({} s) without a verdict", static_cast<const void*>(hport_),
               host_->options.dialog_timeout.count());
    abort("dialog timeout", ERROR_REQUEST_TIMEOUT);
}

void Dialog::abort(const char* reason, DWORD error, bool shutdown) {
    shut_down_ = shut_down_ || shutdown;  // also for a verdict Begin gave before the loss, acted on after it
    std::unique_lock lock(mutex_);
    const bool fails_now = !state_.verdict_given() && !state_.aborted();
    if (!state_.on(DialogEvent::line_lost)) return;  // hung up already
    if (fails_now) {
        outcome_.reason = reason;
        outcome_.error = error;
    }
    const DialogPhase phase = state_.phase();
    if (phase == DialogPhase::holding && !shutdown) {
        // A caller who hangs up during the failure delay does not shorten
        // it: the dialog (and its place in the per-source count) lasts
        // until the delay is over.
        lock.unlock();
        port_->close();
        return;
    }
    // The pending receive ends with length 0 and LastError 619
    // (docs/decisions.md#abnormal-termination).
    fail_pending_receive_locked(ERROR_PORT_DISCONNECTED);
    if (phase == DialogPhase::beginning) {
        lock.unlock();
        port_->close();  // after_begin hangs up once Begin returns
        return;
    }
    // Under the same lock as the loss: a dialog still waiting for Begin's
    // turn is hung up before it can begin, and owes no End.
    state_.on(DialogEvent::hang_up);
    const bool call_end = state_.end_owed();
    lock.unlock();
    close_and_end(call_end);
}

void Dialog::after_verdict() {
    bool flushed = false;
    bool failure = false;
    {
        std::lock_guard lock(mutex_);
        if (!state_.on(DialogEvent::flush)) return;  // the line was lost first
        flushed = output_flushed_locked() || state_.line_down();  // a lost line takes no more output
        failure = verdict_->dwMsgId == SECURITYMSG_FAILURE;  // the verdict stands: flush asks it
    }
    if (failure && !std::exchange(failure_counted_, true) && host_->on_failure) host_->on_failure(outcome_.peer);
    if (flushed) return after_flush();
    // Give the final message a bounded time to reach the user
    // (docs/decisions.md#send-completion).
    end_timer_.expires_after(host_->options.flush_timeout);
    end_timer_.async_wait([self = shared_from_this()](const std::error_code& error) {
        if (!error) self->after_flush();
    });
}

// The final output is out (or its time is up). After a FAILURE the line is
// held for the failure delay, as login(1) does, so that each guess costs the
// caller that long; input meanwhile is read and discarded.
void Dialog::after_flush() {
    const bool hold = failure_counted_ && host_->options.fail_delay.count() > 0 && !shut_down_;
    bool hand_over = false;
    {
        std::lock_guard lock(mutex_);
        // Once: the flush bound and the last write may both get here.
        if (state_.phase() != DialogPhase::flushing) return;
        hand_over = !hold && !shut_down_ && host_->options.hand_over && state_.verdict_stands() &&
                    verdict_->dwMsgId == SECURITYMSG_SUCCESS;
        if (hold || hand_over) state_.on(DialogEvent::hold);
    }
    if (hand_over) return hand_line_over();
    if (!hold) return hang_up_and_end();
    end_timer_.expires_after(host_->options.fail_delay);
    end_timer_.async_wait([self = shared_from_this()](const std::error_code& error) {
        if (!error) self->hang_up_and_end();
    });
}

// After SUCCESS the line goes to the program HostOptions::hand_over starts
// (pppd), held as a failure delay holds it until that program is done; then
// the hang-up and End, as after any dialog.
void Dialog::hand_line_over() {
    const auto line = port_->hand_over();
    if (line < 0) {
        host_->log(LogLevel::warning, "{}: a line of this kind cannot be handed over; hung up",
                   log_escape(outcome_.device));
        return hang_up_and_end();
    }
    DialogOutcome verdict;
    {
        std::lock_guard lock(mutex_);
        verdict = outcome_;
        fill_outcome_locked(verdict);
    }
    host_->options.hand_over(verdict, line, [self = shared_from_this()] {
        self->on_strand([](Dialog& d) { d.hang_up_and_end(); });
    });
}

void Dialog::hang_up_and_end() {
    bool call_end = false;
    {
        std::lock_guard lock(mutex_);
        if (!state_.on(DialogEvent::hang_up)) return;  // hung up already
        call_end = state_.end_owed();
    }
    close_and_end(call_end);
}

// The line is hung up: stop the timers and the port, then End, or teardown
// at once when no End is owed.
void Dialog::close_and_end(bool call_end) {
    receive_timer_.cancel();
    dialog_timer_.cancel();
    end_timer_.cancel();
    port_->close();
    if (call_end)
        host_->end_thread.post([self = shared_from_this()] { self->call_end(); });
    else
        teardown();
}

void Dialog::after_end(DWORD result) {
    bool wait_for_complete = false;
    {
        std::lock_guard lock(mutex_);
        // NO_ERROR postpones the end until one more Complete, unless
        // that Complete already came while End was running
        // (docs/decisions.md#end-returning-zero).
        wait_for_complete = result == NO_ERROR && state_.on(DialogEvent::end_awaits_complete);
    }
    if (!wait_for_complete) return teardown();
    host_->log(LogLevel::info, "port {}: RasSecurityDialogEnd returned NO_ERROR, waiting up to {} s for Complete",
               static_cast<const void*>(hport_), host_->options.end_grace_period.count());
    end_timer_.expires_after(host_->options.end_grace_period);
    end_timer_.async_wait([self = shared_from_this()](const std::error_code& error) {
        if (!error) self->teardown();
    });
}

void Dialog::teardown() {
    {
        std::lock_guard lock(mutex_);
        if (!state_.on(DialogEvent::torn_down)) return;  // from here every call on this HPORT returns 601
        cancel_pending_receive_locked();
        buffers_->wipe();
        input_.clear();  // wipes what no Receive took
        record_outcome_locked();
    }
    receive_timer_.cancel();
    dialog_timer_.cancel();
    end_timer_.cancel();
    port_->close();
    unregister_dialog(hport_);
    host_->on_finished(shared_from_this(), outcome_);
}

// The verdict, if it stands; aborted otherwise.
void Dialog::record_outcome_locked() { fill_outcome_locked(outcome_); }

void Dialog::fill_outcome_locked(DialogOutcome& outcome) const {
    if (state_.verdict_stands()) {
        outcome.verdict = verdict_->dwMsgId == SECURITYMSG_SUCCESS   ? Verdict::success
                          : verdict_->dwMsgId == SECURITYMSG_FAILURE ? Verdict::failure
                                                                    : Verdict::error;
        outcome.error = verdict_->dwError;
        outcome.user = verdict_->UserName;
        outcome.domain = verdict_->Domain;
        outcome.reason = "complete";
    } else {
        outcome.verdict = Verdict::aborted;
    }
    outcome.ended = std::chrono::system_clock::now();
}

}  // namespace rasshost
