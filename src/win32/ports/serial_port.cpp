// Serial lines on Windows: asio::serial_port opens the COM port for
// overlapped I/O (prefixing \\.\, so COM10 and above work) with
// COMMTIMEOUTS {1,0,0}: a read waits for the first byte, then returns what
// has come. serial_settings applies the rest through one SetCommState.
//
// Hang-up: Windows reports a vanished line on the next I/O, as
// ERROR_BROKEN_PIPE or ERROR_NOT_READY (a USB adapter unplugged, a pty
// closed under Wine). A read that ends with nothing (ERROR_TIMEOUT 1460,
// which Wine gives where Windows returns 0 bytes, or a 0-byte success that
// Asio calls eof) is not a hang-up while ClearCommError still answers: the
// read is issued again. Timeouts of the dialog are the host's asio timers,
// which cancel the read with CancelIoEx. Carrier loss (RLSD falling, seen
// through WaitCommEvent) cancels the pending I/O, which then ends as eof:
// a hang-up, as on POSIX (carrier_watch.hpp).
#include <rasshost/listeners.hpp>
#include <rasshost/serial.hpp>
#include <rasshost/win32.h>

#include "common/port_completion.hpp"
#include "common/single_line_listener.hpp"
#include "win32/ports/carrier_watch.hpp"
#include "win32/ports/serial_settings.hpp"

#include <asio/error.hpp>
#include <asio/serial_port.hpp>
#include <asio/write.hpp>

#include <memory>
#include <system_error>
#include <utility>

namespace rasshost {
namespace {

[[noreturn]] void fail(const std::string& what, DWORD error = GetLastError()) {
    if (error == ERROR_NOT_SUPPORTED)  // no modem lines: the same code as ENOTTY on POSIX
        throw std::system_error(std::make_error_code(std::errc::inappropriate_io_control_operation), what);
    throw std::system_error(static_cast<int>(error), std::system_category(), what);
}

bool is_error(const std::error_code& error, DWORD code) {
    return error == std::error_code(static_cast<int>(code), asio::system_category());
}

// Opens and configures the port, with nothing left from before the call.
void open_line(asio::serial_port& line, const SerialSettings& settings) {
    const auto what = "serial " + settings.device;
    std::error_code error;
    line.open(settings.device, error);
    if (error) throw std::system_error(error, what);
    win32::apply_serial_settings(line.native_handle(), settings, what);
    PurgeComm(line.native_handle(), PURGE_RXCLEAR | PURGE_TXCLEAR);
}

class SerialPort final : public Port, public SerialLine {
public:
    SerialPort(asio::serial_port line, std::string device) : line_(std::move(line)), device_(std::move(device)) {
        carrier_.start(line_.native_handle(), line_.get_executor(), [this] {
            *carrier_lost_ = true;
            std::error_code ignored;
            line_.cancel(ignored);  // the pending read and write end, as eof (below)
        });
    }
    ~SerialPort() override { close(); }

    const std::string& device_name() const noexcept override { return device_; }
    asio::any_io_executor get_executor() noexcept override { return line_.get_executor(); }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        if (!line_.is_open()) return post_aborted(get_executor(), std::move(handler));
        if (*carrier_lost_) return post_completion(get_executor(), std::move(handler), asio::error::eof);
        // The handler may run after the Port is gone (aborted by close()):
        // it touches `this` only for an empty read, which close() never gives.
        line_.async_read_some(asio::buffer(buffer.data(), buffer.size()),
                              [this, buffer, lost = carrier_lost_, handler = std::move(handler)](
                                  std::error_code error, std::size_t n) mutable {
                                  if (n == 0 && nothing_yet(error) && line_alive())
                                      return async_read_some(buffer, std::move(handler));
                                  if (hung_up(error, *lost)) error = asio::error::eof;
                                  handler(error, n);
                              });
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        if (!line_.is_open()) return post_aborted(get_executor(), std::move(handler));
        if (*carrier_lost_) return post_completion(get_executor(), std::move(handler), asio::error::eof);
        asio::async_write(line_, asio::buffer(data.data(), data.size()),
                          [lost = carrier_lost_, handler = std::move(handler)](std::error_code error, std::size_t n) {
                              if (hung_up(error, *lost)) error = asio::error::eof;
                              handler(error, n);
                          });
    }

    void close() noexcept override {
        if (!line_.is_open()) return;
        carrier_.stop();
        EscapeCommFunction(line_.native_handle(), CLRDTR);  // the modem hangs up (fails harmlessly without lines)
        std::error_code ignored;
        line_.close(ignored);
    }

    void set_dtr(bool on) override { escape(on ? SETDTR : CLRDTR, on ? "SETDTR" : "CLRDTR"); }
    void set_rts(bool on) override { escape(on ? SETRTS : CLRRTS, on ? "SETRTS" : "CLRRTS"); }

    ModemLines modem_lines() override {
        DWORD bits = 0;
        if (!GetCommModemStatus(handle(), &bits)) fail("serial " + device_ + ": GetCommModemStatus");
        return {(bits & MS_CTS_ON) != 0, (bits & MS_DSR_ON) != 0, (bits & MS_RLSD_ON) != 0, (bits & MS_RING_ON) != 0};
    }

    void send_break() override {
        if (!SetCommBreak(handle())) fail("serial " + device_ + ": SetCommBreak");
        Sleep(250);
        ClearCommBreak(handle());
    }

    SerialSettings settings() const override {
        return win32::read_serial_settings(const_cast<asio::serial_port&>(line_).native_handle(), device_);
    }

private:
    static bool nothing_yet(const std::error_code& error) {
        return !error || error == asio::error::eof || is_error(error, ERROR_TIMEOUT);
    }

    static bool hung_up(const std::error_code& error, bool carrier_lost) {
        if (error == asio::error::operation_aborted) return carrier_lost;  // cancelled by the carrier watch
        return is_error(error, ERROR_BROKEN_PIPE) || is_error(error, ERROR_NOT_READY) ||
               is_error(error, ERROR_TIMEOUT) || error == asio::error::broken_pipe;
    }

    // ClearCommError fails once the device is gone (ERROR_NOT_READY).
    bool line_alive() {
        if (!line_.is_open()) return false;
        DWORD errors = 0;
        COMSTAT status{};
        return ClearCommError(line_.native_handle(), &errors, &status) != FALSE;
    }

    HANDLE handle() {
        if (!line_.is_open()) fail("serial " + device_, ERROR_INVALID_HANDLE);
        return line_.native_handle();
    }

    void escape(DWORD function, const char* name) {
        if (!EscapeCommFunction(handle(), function)) fail("serial " + device_ + ": " + name);
    }

    asio::serial_port line_;
    std::string device_;
    // Shared with pending handlers, which may outlive the Port.
    std::shared_ptr<bool> carrier_lost_ = std::make_shared<bool>(false);
    win32::CarrierWatch carrier_;  // last: stopped before the line closes
};

class SerialListener final : public SingleLineListener {
public:
    SerialListener(asio::io_context& io, SerialSettings settings)
        : SingleLineListener(io), settings_(std::move(settings)), ready_(io) {
        open_line(ready_, settings_);
    }
    ~SerialListener() override { close(); }

    std::string description() const override { return "serial " + settings_.device; }

    void close() noexcept override {
        SingleLineListener::close();
        std::error_code ignored;
        ready_.close(ignored);
    }

private:
    // The first call uses the line opened to check the settings; later
    // calls re-open the device after the last hang-up.
    std::unique_ptr<Port> next_call() override {
        if (!ready_.is_open()) open_line(ready_, settings_);
        auto port = std::make_unique<SerialPort>(std::move(ready_), settings_.device);
        ready_ = asio::serial_port(io());
        return port;
    }

    SerialSettings settings_;
    asio::serial_port ready_;
};

}  // namespace

std::unique_ptr<PortListener> open_serial_listener(asio::io_context& io, const SerialSettings& settings) {
    return std::make_unique<SerialListener>(io, settings);
}

}  // namespace rasshost
