// A dialog's port I/O, on its strand: reads into the input queue (waking a
// pending Receive), writes of what Send queued. The lifecycle is in
// dialog_lifecycle.cpp, the Receive timeouts in dialog_receive_timer.cpp.
#include "common/dialog.hpp"

#include <asio/dispatch.hpp>
#include <asio/error.hpp>

namespace rasshost {

void Dialog::read_next() {
    {
        std::lock_guard lock(mutex_);  // DLL threads pop from the ring meanwhile
        read_target_ = input_.writable(max_read);
    }
    reading_into_ring_ = read_target_.size() >= min_read;
    if (!reading_into_ring_) read_target_ = overflow_chunk_;
    port_->async_read_some(std::as_writable_bytes(read_target_),
                           [self = shared_from_this()](const std::error_code& error, std::size_t n) {
                               asio::dispatch(self->strand_, [self, error, n] { self->on_read(error, n); });
                           });
}

void Dialog::on_read(const std::error_code& error, std::size_t n) {
    if (error == asio::error::operation_aborted) return;
    if (error) {
        abort("hang-up", ERROR_PORT_DISCONNECTED);
        return;
    }
    std::size_t kept = 0;  // bytes now in the queue
    HANDLE wake = nullptr;  // the event of the Receive these bytes completed
    {
        std::lock_guard lock(mutex_);
        outcome_.bytes_received += n;
        if (state_.input_open()) {
            if (reading_into_ring_) {
                input_.commit(n);  // the span was free space, and only a Receive touched the ring since
                kept = n;
            } else {
                kept = input_.push(read_target_.first(n));  // what a Receive freed since the read began
            }
            if (kept < n) {
                if (outcome_.bytes_dropped == 0)
                    host_->log(LogLevel::warning, "port {}: input queue full ({} bytes), dropping input",
                               static_cast<const void*>(hport_), host_->options.input_queue_limit);
                outcome_.bytes_dropped += n - kept;
            }
            if (pending_ && !input_.empty()) {
                wake = fill_pending_locked();
                signals_in_flight_.enter();
            }
        }
    }
    // Wipe what was read but is not queued where it lies: the whole overflow
    // chunk (kept bytes were copied), or ring space left uncommitted (input
    // after the verdict). Free ring space is the strand's alone.
    const std::size_t queued_in_place = reading_into_ring_ ? kept : 0;
    SecureZeroMemory(read_target_.data() + queued_in_place, n - queued_in_place);
    // The Receive's event is set after the lock is released: the DLL thread
    // it wakes calls Receive at once and would otherwise find the lock still
    // held. After a large read (bulk input) the next read starts first,
    // since the woken thread may take this CPU before the port is read again
    // (8 % more throughput measured); after a small one (typing) the event
    // comes first, so starting a read is not on a keystroke's path. Complete
    // waits for the event, so it is set even if starting the read throws.
    const bool drained = n < min_read;
    const auto signal = [&] {
        if (wake == nullptr) return;
        SetEvent(wake);
        signals_in_flight_.leave();
    };
    if (drained) signal();
    try {
        read_next();
    } catch (...) {
        if (!drained) signal();
        throw;
    }
    if (!drained) signal();
}

void Dialog::write_next() {
    {
        std::lock_guard lock(mutex_);
        if (writing_ || output_.empty()) return;
        writing_ = true;
        writing_chunk_.swap(output_);
    }
    port_->async_write(writing_chunk_, [self = shared_from_this()](const std::error_code& error, std::size_t n) {
        asio::dispatch(self->strand_, [self, error, n] { self->on_write(error, n); });
    });
}

void Dialog::on_write(const std::error_code& error, std::size_t n) {
    bool flushed = false;
    {
        std::lock_guard lock(mutex_);
        writing_ = false;
        writing_chunk_.clear();
        outcome_.bytes_sent += n;
        flushed = output_flushed_locked() && state_.phase() == DialogPhase::flushing;
    }
    if (error == asio::error::operation_aborted) return;
    if (error) {
        abort("hang-up", ERROR_PORT_DISCONNECTED);
        return;
    }
    if (flushed)
        after_flush();
    else
        write_next();
}

}  // namespace rasshost
