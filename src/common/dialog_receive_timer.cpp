// A dialog's Receive timeouts, on its strand; the port's reads and writes
// are in dialog_io.cpp.
#include "common/dialog.hpp"

namespace rasshost {

// The receive timer: one steady_timer for all of a dialog's Receives, armed
// for receive_timer_due_ (see Dialog::receive). When it fires it looks at the
// Receive pending then: past its deadline, it times out; with a later one
// (the timer was armed for an earlier Receive), it waits on for that one.
void Dialog::arm_receive_timer() {
    Clock::time_point due;
    {
        std::lock_guard lock(mutex_);
        if (!receive_timer_due_) return;
        if (!pending_) {  // completed meanwhile: the next Receive arms it anew
            receive_timer_due_.reset();
            return;
        }
        due = *receive_timer_due_;
    }
    wait_receive_timer(due);
}

void Dialog::wait_receive_timer(Clock::time_point due) {
    receive_timer_.expires_at(due);  // a wait armed for another time ends with operation_aborted
    receive_timer_.async_wait([self = shared_from_this()](const std::error_code& error) {
        if (!error) self->on_receive_timer();
    });
}

void Dialog::on_receive_timer() {
    std::unique_lock lock(mutex_);
    if (!pending_ || !pending_->deadline) {
        receive_timer_due_.reset();
        return;
    }
    if (*pending_->deadline > Clock::now()) {
        const auto due = *pending_->deadline;
        receive_timer_due_ = due;
        lock.unlock();
        wait_receive_timer(due);
        return;
    }
    receive_timer_due_.reset();
    // Length 0, LastError SUCCESS (or 638 if so configured):
    // docs/decisions.md#receive-timeout.
    *pending_->length = 0;
    bytes_received_last_ = 0;
    last_error_ = host_->options.receive_timeout_is_error ? ERROR_REQUEST_TIMEOUT : SUCCESS;
    const HANDLE event = pending_->event;
    pending_.reset();
    SetEvent(event);
}

}  // namespace rasshost
