// One security dialog on one port: the transaction behind an HPORT, from
// Begin to the end of End (docs/architecture.md#a-dialogs-life).
//
// Two kinds of threads meet here. DLL threads call send/receive/get_info/
// complete at any time; the io side (a strand on the host's io_context)
// reads the port, writes output and runs the timers. One mutex guards the
// shared state; a receive completes under it (bytes, then the WORD length,
// then SetEvent), and complete/end cancel a pending receive under it, so
// from Complete or End on the host never touches the DLL's length variable,
// buffer or event again.
#pragma once

#include "common/dialog_buffers.hpp"
#include "common/dialog_state.hpp"
#include "common/host_context.hpp"
#include "common/in_flight.hpp"
#include "common/input_ring.hpp"
#include "common/transcript_mask.hpp"

#include <rasshost/dialog.hpp>
#include <rasshost/port.hpp>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rasshost {

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
    // `buffers`: the line's own pair, or one from the host's quarantine
    // (where it returns when the dialog is destroyed).
    Dialog(std::shared_ptr<HostContext> host, std::unique_ptr<Port> port, HPORT hport,
           std::shared_ptr<DialogBuffers> buffers);
    ~Dialog();
    Dialog(const Dialog&) = delete;
    Dialog& operator=(const Dialog&) = delete;

    HPORT hport() const noexcept { return hport_; }

    // Starts reading the port and queues the Begin call.
    void start();
    // Host shutdown: ends the dialog as an abnormal termination
    // (docs/decisions.md#abnormal-termination).
    void abort_for_shutdown();

    // The rasman functions, from any DLL thread.
    DWORD send(PBYTE buffer, WORD length);
    DWORD receive(PBYTE buffer, PWORD length, DWORD timeout_seconds, HANDLE event);
    DWORD get_info(RAS_SECURITY_INFO* info);
    void complete(const SECURITY_MESSAGE& message);

private:
    using Clock = std::chrono::steady_clock;  // asio::steady_timer's

    struct PendingReceive {
        PBYTE buffer;
        PWORD length;
        WORD capacity;
        HANDLE event;
        std::optional<Clock::time_point> deadline;  // none: Timeout 0
    };

    // DLL-call thread
    void call_begin();
    void after_begin(DWORD result);
    void call_end();
    SECURITY_MESSAGE normalized(const SECURITY_MESSAGE& message) const;

    // io side (strand)
    void read_next();
    void on_read(const std::error_code& error, std::size_t n);
    void write_next();
    void on_write(const std::error_code& error, std::size_t n);
    void arm_receive_timer();
    void wait_receive_timer(Clock::time_point due);
    void on_receive_timer();
    void arm_dialog_timer();
    void on_dialog_timeout();
    // The line is lost: a hang-up, the dialog timeout, or (`shutdown`) the
    // host's shutdown, which alone cuts a failure delay short.
    void abort(const char* reason, DWORD error, bool shutdown = false);
    void after_verdict();
    void after_flush();
    void hand_line_over();
    void hang_up_and_end();
    void close_and_end(bool call_end);
    void after_end(DWORD result);
    void teardown();

    // under mutex_
    void deliver_locked();
    HANDLE fill_pending_locked();  // deliver_locked without the SetEvent: the event to set
    // Waits until no event of a Receive is being set outside the lock: after
    // it the DLL may close the event (Complete, End, a failed Begin).
    void wait_for_signals() { signals_in_flight_.wait_idle(); }
    void fail_pending_receive_locked(DWORD last_error);
    void record_outcome_locked();
    void fill_outcome_locked(DialogOutcome& outcome) const;
    void cancel_pending_receive_locked() noexcept;
    bool output_flushed_locked() const noexcept { return output_.empty() && !writing_; }
    void transcript(bool from_remote, const BYTE* data, std::size_t n);

    template <class F>
    void on_strand(F&& f) {
        asio::post(strand_, [self = shared_from_this(), f = std::forward<F>(f)]() mutable { f(*self); });
    }

    const DialogObjectToken object_token_;  // first: destroyed after everything below
    const std::shared_ptr<HostContext> host_;
    const std::unique_ptr<Port> port_;
    const HPORT hport_;
    asio::strand<asio::any_io_executor> strand_;
    asio::steady_timer receive_timer_;
    asio::steady_timer dialog_timer_;
    asio::steady_timer end_timer_;  // flush bound, then End's grace period

    mutable std::mutex mutex_;
    // The lifecycle: phase, verdict, line, End (dialog_state.hpp).
    DialogState state_;
    const std::shared_ptr<DialogBuffers> buffers_;
    std::vector<BYTE>& send_buffer_;     // buffers_->send
    std::vector<BYTE>& receive_buffer_;  // buffers_->receive
    InputRing input_;  // typed bytes no Receive took yet: bounded, wiped as they leave
    std::optional<PendingReceive> pending_;
    // Events of delivered Receives the io thread is setting after it let go
    // of mutex_ (so that the woken DLL thread's next Receive does not find
    // the lock still held). Entered under mutex_ with the delivery.
    InFlight signals_in_flight_;
    // When receive_timer_ fires (or is about to be armed to fire): the
    // earliest deadline asked for since it last fired. None: not armed.
    std::optional<Clock::time_point> receive_timer_due_;
    DWORD last_error_ = SUCCESS;
    DWORD bytes_received_last_ = 0;
    std::vector<std::byte> output_;
    bool writing_ = false;
    std::unique_ptr<TranscriptMask> transcript_mask_;  // with a masked transcript only
    std::optional<SECURITY_MESSAGE> verdict_;
    DialogOutcome outcome_;

    // io side only
    bool failure_counted_ = false;  // a FAILURE verdict was reported to the host
    bool shut_down_ = false;        // the host's shutdown took the line: no failure delay
    // A read goes straight into the input ring's free space, up to 4 KiB
    // (what a pty hands out per read), when at least min_read bytes of it
    // lie in one piece. Otherwise -- the ring (nearly) full -- it goes to
    // overflow_chunk_: what fits in the queue when it completes is kept, the
    // rest dropped and counted. So a read never takes less than min_read
    // because the queue is short of room (input that arrives at once while
    // the queue is full is dropped at once and counted), and a
    // flooding remote is still read, its hang-up seen, the memory bounded.
    static constexpr std::size_t max_read = 4096;
    static constexpr std::size_t min_read = 512;
    std::span<BYTE> read_target_;  // what the pending read fills
    bool reading_into_ring_ = false;
    std::array<BYTE, min_read> overflow_chunk_{};
    std::vector<std::byte> writing_chunk_;
};

}  // namespace rasshost
