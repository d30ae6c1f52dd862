// Carrier loss on a Win32 COM port, as a hang-up.
//
// POSIX gets this from the tty driver (CLOCAL off: the kernel hangs the tty
// up when DCD falls). Windows only reports the change: an overlapped
// WaitCommEvent(EV_RLSD) completes, and GetCommModemStatus says whether
// RLSD (DCD) is now on or off. The watch treats only a *falling edge* as a
// hang-up, carrier seen up and then down, as the Linux driver does: a line
// whose carrier was never up (a null-modem cable without DCD wired, a modem
// still answering) is not hung up by it.
//
// A port without modem lines (a pty under Wine, some USB adapters) answers
// GetCommModemStatus with an error: the watch then never starts, and
// hang-up comes from I/O errors alone. Nothing here is needed for a dialog
// to work; it only ends one sooner when a modem drops the call.
#pragma once

#include <rasshost/win32.h>

#include <asio/any_io_executor.hpp>

#include <functional>
#include <memory>
#include <system_error>

namespace rasshost::win32 {

/** The falling edge of carrier detect. */
class CarrierEdge {
public:
    /** Feeds the carrier state just read; true exactly once, when carrier
     *  goes down after having been seen up. */
    bool dropped(bool carrier_on) noexcept {
        if (carrier_on) {
            seen_up_ = true;
            return false;
        }
        const bool edge = seen_up_;
        seen_up_ = false;
        return edge;
    }

private:
    bool seen_up_ = false;
};

/** Watches one open COM handle (opened for overlapped I/O and associated
 *  with the executor's io_context, as asio::serial_port does). Calls
 *  `on_drop` on the executor when carrier falls. The watch keeps its own
 *  state alive until the last WaitCommEvent completes, so the port may be
 *  destroyed while one is pending (closing the handle ends it). */
class CarrierWatch {
public:
    CarrierWatch() = default;
    ~CarrierWatch() { stop(); }
    CarrierWatch(const CarrierWatch&) = delete;
    CarrierWatch& operator=(const CarrierWatch&) = delete;

    /** Starts watching; false (and nothing started) when the port has no
     *  modem lines or does not take the event mask. */
    bool start(HANDLE handle, const asio::any_io_executor& executor, std::function<void()> on_drop);

    /** Stops: `on_drop` is never called after this returns. Call before the
     *  handle is closed; the pending wait then completes as aborted. */
    void stop() noexcept;

    bool watching() const noexcept { return state_ != nullptr; }

private:
    struct State;
    static void arm(const std::shared_ptr<State>& state);
    static void completed(const std::shared_ptr<State>& state, const std::error_code& error);

    std::shared_ptr<State> state_;
};

}  // namespace rasshost::win32
