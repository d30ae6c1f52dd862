// The DLL-facing half of a dialog: Send, Receive, GetInfo and Complete, as
// docs/decisions.md decides. The port's reads and writes are in
// dialog_io.cpp, the lifecycle in dialog_lifecycle.cpp.
#include "common/dialog.hpp"

#include "common/backend.hpp"
#include "common/dialog_registry.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace rasshost {
namespace {

// True if [p, p + n) lies inside `buffer`; `inside` tells whether p does.
bool within(const std::vector<BYTE>& buffer, const BYTE* p, std::size_t n, bool& inside) {
    const auto begin = reinterpret_cast<std::uintptr_t>(buffer.data());
    const auto end = begin + buffer.size();
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    inside = at >= begin && at < end;
    return inside && n <= end - at;
}

}  // namespace

DWORD Dialog::send(PBYTE buffer, WORD length) {
    if (length == 0) return PENDING;  // a no-op: docs/decisions.md#send-arguments
    if (buffer == nullptr) return ERROR_INVALID_PARAMETER;
    std::unique_lock lock(mutex_);
    if (state_.phase() == DialogPhase::finished) return ERROR_INVALID_PORT_HANDLE;
    bool inside = false;
    if (!within(send_buffer_, buffer, length, inside) && inside) return ERROR_INVALID_PARAMETER;
    if (state_.verdict_given()) return ERROR_ALREADY_DISCONNECTING;
    if (state_.line_down()) return ERROR_PORT_DISCONNECTED;
    if (output_.size() + length > host_->options.output_queue_limit) return ERROR_NOT_ENOUGH_MEMORY;
    // The bytes are copied before PENDING, so pSendBuf is free at once
    // (docs/decisions.md#send-completion).
    const auto* bytes = reinterpret_cast<const std::byte*>(buffer);
    output_.insert(output_.end(), bytes, bytes + length);
    transcript(false, buffer, length);
    const bool start_writing = !writing_;
    lock.unlock();
    if (start_writing) on_strand([](Dialog& d) { d.write_next(); });
    return PENDING;
}

DWORD Dialog::receive(PBYTE buffer, PWORD length, DWORD timeout_seconds, HANDLE event) {
    if (buffer == nullptr || length == nullptr) return ERROR_INVALID_PARAMETER;  // docs/decisions.md#receive-arguments
    if (*length == 0) return ERROR_BUFFER_TOO_SMALL;
    if (!backend::is_event_handle(event)) return ERROR_INVALID_HANDLE;  // docs/decisions.md#event-handles
    std::unique_lock lock(mutex_);
    if (state_.phase() == DialogPhase::finished) return ERROR_INVALID_PORT_HANDLE;
    if (state_.verdict_given()) return ERROR_ALREADY_DISCONNECTING;
    if (state_.line_down()) return ERROR_PORT_DISCONNECTED;
    if (pending_) return ERROR_ASYNC_REQUEST_PENDING;  // docs/decisions.md#one-receive-at-a-time
    WORD capacity = *length;
    bool inside = false;
    if (!within(receive_buffer_, buffer, capacity, inside) && inside) {
        // Inside pRecvBuf, clamp to the space left in it
        // (docs/decisions.md#receive-arguments).
        capacity = static_cast<WORD>(receive_buffer_.data() + receive_buffer_.size() - buffer);
    }
    pending_ = PendingReceive{buffer, length, capacity, event, std::nullopt};
    last_error_ = PENDING;
    if (!input_.empty()) {
        // Queued bytes complete it at once, after PENDING is decided
        // (docs/decisions.md#when-a-receive-completes).
        deliver_locked();
        return PENDING;
    }
    if (timeout_seconds == 0) return PENDING;
    // 64-bit nanoseconds: even 0xFFFFFFFF s (136 years) fits
    // (docs/decisions.md#receive-timeout).
    const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
    pending_->deadline = deadline;
    // One timer serves every Receive: if it is armed for this deadline or
    // sooner, it re-arms itself for this Receive when it fires. A DLL
    // receiving bulk input then costs the io thread no wake-up and no timer
    // call per Receive (each one did: a third of its system calls).
    if (receive_timer_due_ && *receive_timer_due_ <= deadline) return PENDING;
    receive_timer_due_ = deadline;
    lock.unlock();
    on_strand([](Dialog& d) { d.arm_receive_timer(); });
    return PENDING;
}

DWORD Dialog::get_info(RAS_SECURITY_INFO* info) {
    if (info == nullptr) return ERROR_INVALID_PARAMETER;  // docs/decisions.md#getinfo
    std::lock_guard lock(mutex_);
    if (state_.phase() == DialogPhase::finished) return ERROR_INVALID_PORT_HANDLE;
    info->LastError = last_error_;
    info->BytesReceived = bytes_received_last_;
    std::memset(info->DeviceName, 0, sizeof info->DeviceName);
    const auto& name = port_->device_name();
    std::memcpy(info->DeviceName, name.data(), std::min(name.size(), std::size_t{MAX_DEVICE_NAME}));
    return NO_ERROR;
}

// Copied before Complete returns (docs/decisions.md#complete-handling).
SECURITY_MESSAGE Dialog::normalized(const SECURITY_MESSAGE& message) const {
    SECURITY_MESSAGE verdict = message;
    verdict.UserName[UNLEN] = '\0';
    verdict.Domain[DNLEN] = '\0';
    if (verdict.dwMsgId < SECURITYMSG_SUCCESS || verdict.dwMsgId > SECURITYMSG_ERROR) {
        host_->log(LogLevel::warning, "port {}: Complete with dwMsgId {} taken as SECURITYMSG_ERROR",
                   static_cast<const void*>(hport_), verdict.dwMsgId);
        verdict.dwMsgId = SECURITYMSG_ERROR;
        if (verdict.dwError == 0) verdict.dwError = ERROR_INVALID_PARAMETER;
    }
    if (verdict.dwMsgId == SECURITYMSG_ERROR && verdict.dwError == 0) verdict.dwError = ERROR_UNKNOWN;  // docs/decisions.md#inconsistent-verdicts
    return verdict;
}

void Dialog::complete(const SECURITY_MESSAGE& message) {
    const SECURITY_MESSAGE verdict = normalized(message);
    enum class Next { nothing, teardown, after_verdict } next = Next::nothing;
    {
        std::lock_guard lock(mutex_);
        state_.on(DialogEvent::complete);  // it answers an End under way, if any
        if (state_.phase() == DialogPhase::grace) {
            // the Complete End asked for: docs/decisions.md#end-returning-zero
            next = Next::teardown;
        } else if (state_.on(DialogEvent::verdict)) {
            verdict_ = verdict;
            cancel_pending_receive_locked();  // silently: the DLL may already have freed its length and event
            // Begin's return or the End under way acts on it otherwise.
            if (state_.phase() == DialogPhase::running && state_.verdict_stands()) next = Next::after_verdict;
        } else if (state_.phase() == DialogPhase::created) {
            host_->log(LogLevel::warning, "port {}: Complete before Begin ignored", static_cast<const void*>(hport_));
        } else if (state_.phase() != DialogPhase::finished) {  // too late once finished
            host_->log(LogLevel::warning, "port {}: second Complete ignored", static_cast<const void*>(hport_));
        }
    }
    wait_for_signals();  // the DLL may close its Receive event once Complete returns
    if (next == Next::teardown) on_strand([](Dialog& d) { d.teardown(); });
    if (next == Next::after_verdict) on_strand([](Dialog& d) { d.after_verdict(); });
}

void Dialog::deliver_locked() { SetEvent(fill_pending_locked()); }

HANDLE Dialog::fill_pending_locked() {
    auto& receive = *pending_;
    const std::size_t n = input_.pop({receive.buffer, receive.capacity});  // wiped in the ring
    transcript(true, receive.buffer, n);
    // The data, then the WORD length, then the event: the DLL may read both
    // the moment the event is set.
    *receive.length = static_cast<WORD>(n);
    last_error_ = SUCCESS;
    bytes_received_last_ = static_cast<DWORD>(n);
    const HANDLE event = receive.event;
    pending_.reset();
    return event;
}

void Dialog::fail_pending_receive_locked(DWORD last_error) {
    last_error_ = last_error;
    if (!pending_) return;
    *pending_->length = 0;
    bytes_received_last_ = 0;
    const HANDLE event = pending_->event;
    pending_.reset();
    SetEvent(event);
}

void Dialog::cancel_pending_receive_locked() noexcept {
    if (!pending_) return;
    pending_.reset();
    last_error_ = SUCCESS;
}

// Masked unless plain input was asked for: see transcript_mask.hpp.
void Dialog::transcript(bool from_remote, const BYTE* data, std::size_t n) {
    const auto& options = host_->options;
    if (!options.on_transcript || n == 0) return;
    std::string text(reinterpret_cast<const char*>(data), n);
    if (options.transcript_input != TranscriptInput::plain) {
        if (!transcript_mask_) transcript_mask_ = std::make_unique<TranscriptMask>();
        if (from_remote)
            transcript_mask_->received(text);
        else
            transcript_mask_->sent(text);
    }
    options.on_transcript(hport_, from_remote, text);
    SecureZeroMemory(text.data(), text.size());
}

}  // namespace rasshost
