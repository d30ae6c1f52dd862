#include "win32/ports/carrier_watch.hpp"

#include <asio/error.hpp>
#include <asio/windows/overlapped_ptr.hpp>

#include <utility>

namespace rasshost::win32 {

struct CarrierWatch::State {
    HANDLE handle = nullptr;
    asio::any_io_executor executor;
    std::function<void()> on_drop;  // empty once stopped or fired
    DWORD events = 0;               // the driver writes it when a wait completes
    CarrierEdge edge;
};

namespace {

// False when the port has no modem lines (ERROR_NOT_SUPPORTED on a pty
// under Wine) or is gone.
bool read_carrier(HANDLE handle, bool& on) {
    DWORD bits = 0;
    if (!GetCommModemStatus(handle, &bits)) return false;
    on = (bits & MS_RLSD_ON) != 0;
    return true;
}

}  // namespace

bool CarrierWatch::start(HANDLE handle, const asio::any_io_executor& executor, std::function<void()> on_drop) {
    stop();
    bool on = false;
    if (!read_carrier(handle, on) || !SetCommMask(handle, EV_RLSD)) return false;
    state_ = std::make_shared<State>();
    state_->handle = handle;
    state_->executor = executor;
    state_->on_drop = std::move(on_drop);
    state_->edge.dropped(on);  // the state at the start: a baseline, never an edge
    arm(state_);
    return true;
}

void CarrierWatch::stop() noexcept {
    if (!state_) return;
    state_->on_drop = nullptr;
    // A new mask completes the pending WaitCommEvent at once (events 0);
    // its handler then finds the watch stopped.
    SetCommMask(state_->handle, 0);
    state_.reset();
}

// One overlapped WaitCommEvent through the io_context's completion port, as
// Asio's own reads on the handle are (the overlapped_ptr protocol: complete
// on an immediate failure, release otherwise, success included).
void CarrierWatch::arm(const std::shared_ptr<State>& state) {
    asio::windows::overlapped_ptr wait(state->executor, [state](const std::error_code& error, std::size_t) {
        completed(state, error);
    });
    state->events = 0;
    if (!WaitCommEvent(state->handle, &state->events, wait.get())) {
        const DWORD error = GetLastError();
        if (error != ERROR_IO_PENDING) {
            wait.complete(std::error_code(static_cast<int>(error), asio::error::get_system_category()), 0);
            return;
        }
    }
    wait.release();
}

void CarrierWatch::completed(const std::shared_ptr<State>& state, const std::error_code& error) {
    if (!state->on_drop) return;  // stopped
    // A failed wait ends the watch rather than re-arming into a loop: the
    // handle is closing, or the driver cannot wait (Wine on a pty answers
    // 995 at once). I/O errors still report a vanished line.
    bool on = false;
    if (error || !read_carrier(state->handle, on)) return;
    if (state->edge.dropped(on)) {
        auto on_drop = std::exchange(state->on_drop, nullptr);
        on_drop();
        return;
    }
    arm(state);
}

}  // namespace rasshost::win32
