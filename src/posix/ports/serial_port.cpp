// Serial lines: the device is opened and configured here (serial_settings),
// then handed to asio::serial_port for the I/O. Modem auto-answer (waiting
// for RING, ATA) is out of scope: a call is "up" as soon as the device is
// open, and carrier loss ends it (CLOCAL off: the driver hangs the tty up,
// reads return 0 or fail with EIO; both are reported as eof).
#include <rasshost/listeners.hpp>
#include <rasshost/serial.hpp>

#include "common/backend.hpp"
#include "common/lendable_line.hpp"
#include "common/port_completion.hpp"
#include "common/single_line_listener.hpp"
#include "posix/ports/hang_up_as_eof.hpp"
#include "posix/ports/serial_settings.hpp"

#include <asio/error.hpp>
#include <asio/serial_port.hpp>
#include <asio/write.hpp>

#include <cerrno>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace rasshost {
namespace {

[[noreturn]] void fail(const std::string& what, int error = errno) {
    throw std::system_error(error, std::system_category(), what);
}

// Opens, locks and configures the device; returns the descriptor.
int open_line(const SerialSettings& settings) {
    const auto what = "serial " + settings.device;
    // O_NONBLOCK: with CLOCAL off a blocking open would wait for carrier.
    const int fd = ::open(settings.device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) fail(what);
    try {
        if (!::isatty(fd)) fail(what, ENOTTY);
        // Exclusive: a second opener (another host, a stray getty) would
        // steal the caller's bytes. Root is exempt, as the kernel decides.
        if (::ioctl(fd, TIOCEXCL) != 0) fail(what + ": TIOCEXCL");
        posix::apply_serial_settings(fd, settings, what);
        ::tcflush(fd, TCIOFLUSH);  // nothing from before the call
    } catch (...) {
        ::close(fd);
        throw;
    }
    return fd;
}

class SerialPort final : public Port, public SerialLine {
public:
    SerialPort(asio::io_context& io, int fd, std::string device) : line_(io), device_(std::move(device)) {
        std::error_code error;
        line_.assign(fd, error);
        if (error) {
            ::close(fd);
            throw std::system_error(error, "serial " + device_);
        }
    }
    ~SerialPort() override { close(); }

    const std::string& device_name() const noexcept override { return device_; }
    asio::any_io_executor get_executor() noexcept override { return line_.get_executor(); }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        if (!line_.is_open() || lending_.handed_over()) return post_aborted(get_executor(), std::move(handler));
        lending_.note_io();
        line_.async_read_some(asio::buffer(buffer.data(), buffer.size()), posix::hang_up_as_eof(std::move(handler)));
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        if (!line_.is_open() || lending_.handed_over()) return post_aborted(get_executor(), std::move(handler));
        lending_.note_io();
        asio::async_write(line_, asio::buffer(data.data(), data.size()), std::move(handler));
    }

    void close() noexcept override {
        std::error_code ignored;
        line_.close(ignored);  // HUPCL: closing drops DTR, the modem hangs up
    }

    // DTR drops when the last descriptor closes: the borrower's and, after
    // it, this Port's (close()).
    std::intptr_t lend_descriptor() override {
        return lending_.lend(line_.is_open(), line_.native_handle());
    }

    // The program the call goes to shares the device; DTR drops at close(),
    // once it is done.
    std::intptr_t hand_over() override {
        const auto line = lending_.hand_over(line_.is_open(), line_.native_handle());
        std::error_code ignored;
        if (line >= 0) line_.cancel(ignored);
        return line;
    }

    void set_dtr(bool on) override { modem_bit(TIOCM_DTR, on); }
    void set_rts(bool on) override { modem_bit(TIOCM_RTS, on); }

    ModemLines modem_lines() override {
        int bits = 0;
        if (::ioctl(fd(), TIOCMGET, &bits) != 0) fail("serial " + device_ + ": TIOCMGET");
        return {(bits & TIOCM_CTS) != 0, (bits & TIOCM_DSR) != 0, (bits & TIOCM_CAR) != 0, (bits & TIOCM_RNG) != 0};
    }

    void send_break() override {
        if (::tcsendbreak(fd(), 0) != 0) fail("serial " + device_ + ": tcsendbreak");
    }

    SerialSettings settings() const override {
        return posix::read_serial_settings(const_cast<asio::serial_port&>(line_).native_handle(), device_);
    }

private:
    int fd() {
        if (!line_.is_open()) fail("serial " + device_, EBADF);
        return line_.native_handle();
    }

    void modem_bit(int bit, bool on) {
        if (::ioctl(fd(), on ? TIOCMBIS : TIOCMBIC, &bit) != 0)
            fail("serial " + device_ + (on ? ": TIOCMBIS" : ": TIOCMBIC"));
    }

    asio::serial_port line_;
    std::string device_;
    LendableLine lending_;
};

class SerialListener final : public SingleLineListener {
public:
    SerialListener(asio::io_context& io, SerialSettings settings)
        : SingleLineListener(io), settings_(std::move(settings)), ready_fd_(open_line(settings_)) {}
    ~SerialListener() override { close(); }

    std::string description() const override { return "serial " + settings_.device; }

    void close() noexcept override {
        SingleLineListener::close();
        if (ready_fd_ >= 0) ::close(std::exchange(ready_fd_, -1));
    }

private:
    // The first call uses the line opened to check the settings; later
    // calls re-open the device after the last hang-up.
    std::unique_ptr<Port> next_call() override {
        const int fd = ready_fd_ >= 0 ? std::exchange(ready_fd_, -1) : open_line(settings_);
        return std::make_unique<SerialPort>(io(), fd, settings_.device);
    }

    SerialSettings settings_;
    int ready_fd_;
};

}  // namespace

std::unique_ptr<PortListener> open_serial_listener(asio::io_context& io, const SerialSettings& settings) {
    return std::make_unique<SerialListener>(io, settings);
}

namespace backend {

std::unique_ptr<Port> adopt_serial_port(asio::io_context& io, std::intptr_t descriptor, const std::string& device) {
    const int fd = static_cast<int>(descriptor);
    if (!::isatty(fd)) {
        const int error = errno;
        ::close(fd);
        fail("serial " + device, error);
    }
    return std::make_unique<SerialPort>(io, fd, device);
}

}  // namespace backend

}  // namespace rasshost
