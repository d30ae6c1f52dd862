// Serial lines, with a pty slave standing in for the device and the test
// holding the master as the far end of the cable. A pty keeps the termios
// it is given, except that it forces 8 data bits and no parity, has no
// modem lines (ENOTTY) and no carrier of its own.
#include "../port_driver.hpp"
#include "pty_master.hpp"

#include <rasshost/listeners.hpp>
#include <rasshost/loopback.hpp>
#include <rasshost/serial.hpp>

#include <asio/error.hpp>

#include <cerrno>
#include <cstdlib>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

using namespace rasshost;
using namespace port_driver;

namespace {

// The far end: a pty master whose slave plays the serial device.
class Cable : public PtyMaster {
public:
    const std::string& device() const { return slave(); }
    void hang_up() { close(); }
};

struct SerialFixture {
    explicit SerialFixture(SerialSettings settings = {}) {
        settings.device = cable.device();
        listener = open_serial_listener(io.io, settings);
        port = io.accept(*listener);
        line = serial_line(*port);
        REQUIRE(line != nullptr);
    }
    ~SerialFixture() {
        io.destroy(port);
        io.destroy(listener);
    }
    SerialSettings settings() { return io.run([&] { return line->settings(); }); }

    Cable cable;
    IoThread io;
    std::unique_ptr<PortListener> listener;
    std::unique_ptr<Port> port;
    SerialLine* line = nullptr;
};

template <typename F>
std::error_code error_of(F f) {
    try {
        f();
    } catch (const std::system_error& e) {
        return e.code();
    }
    return {};
}

}  // namespace

TEST_CASE("a serial port is named for its device and carries bytes both ways") {
    SerialFixture f;
    CHECK(f.port->device_name() == f.cable.device());
    CHECK(f.listener->description() == "serial " + f.cable.device());
    f.cable.write("user\r\xFF\x00");
    CHECK(f.io.read_exactly(*f.port, 6) == std::string("user\r\xFF\x00", 7).substr(0, 6));
    CHECK_FALSE(f.io.write(*f.port, "Login:\n"));
    CHECK(f.cable.read(7) == "Login:\n");
}

TEST_CASE("serial settings a pty keeps read back as given") {
    using F = SerialSettings::FlowControl;
    for (const auto flow : {F::none, F::rts_cts, F::xon_xoff}) {
        SerialSettings wanted;
        wanted.baud = 115200;
        wanted.stop_bits = SerialSettings::StopBits::two;
        wanted.flow = flow;
        SerialFixture f(wanted);
        wanted.device = f.cable.device();
        CHECK(f.settings() == wanted);
    }
}

TEST_CASE("9600 baud is set from the standard table") {
    SerialFixture f;
    CHECK(f.settings().baud == 9600);
}

TEST_CASE("a non-standard baud rate is set through termios2") {
    SerialSettings wanted;
    wanted.baud = 12345;
    SerialFixture f(wanted);
    CHECK(f.settings().baud == 12345);  // a pty keeps BOTHER speeds as given
}

TEST_CASE("a pty drops parity and forces 8 data bits, as the kernel's pty driver does") {
    SerialSettings wanted;
    wanted.data_bits = 7;
    wanted.parity = SerialSettings::Parity::even;
    SerialFixture f(wanted);
    const auto held = f.settings();
    CHECK(held.parity == SerialSettings::Parity::none);
    CHECK(held.data_bits == 8);
}

TEST_CASE("modem lines and DTR/RTS on a pty answer ENOTTY") {
    SerialFixture f;
    const auto enotty = std::errc::inappropriate_io_control_operation;
    CHECK(f.io.run([&] { return error_of([&] { f.line->modem_lines(); }); }) == enotty);
    CHECK(f.io.run([&] { return error_of([&] { f.line->set_dtr(true); }); }) == enotty);
    CHECK(f.io.run([&] { return error_of([&] { f.line->set_rts(false); }); }) == enotty);
}

TEST_CASE("a break on a pty is accepted and does nothing") {
    SerialFixture f;
    CHECK_FALSE(f.io.run([&] { return error_of([&] { f.line->send_break(); }); }));
}

TEST_CASE("the far end hanging up a serial line is eof for the host's read") {
    SerialFixture f;
    auto reading = f.io.start_read(*f.port);
    f.cable.hang_up();
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::eof);
}

TEST_CASE("closing a serial port aborts its read, and the next call re-opens the device") {
    SerialFixture f;
    auto reading = f.io.start_read(*f.port);
    f.io.run([&] { f.port->close(); });
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::operation_aborted);
    f.io.destroy(f.port);
    f.port = f.io.accept(*f.listener);
    f.cable.write("next");
    CHECK(f.io.read_exactly(*f.port, 4) == "next");
}

TEST_CASE("a missing serial device is a system_error naming it") {
    IoThread io;
    try {
        open_serial_listener(io.io, SerialSettings{"/dev/rasshost-no-such-tty"});
        FAIL("opened a device that does not exist");
    } catch (const std::system_error& e) {
        CHECK(e.code() == std::errc::no_such_file_or_directory);
        CHECK(std::string(e.what()) == "serial /dev/rasshost-no-such-tty: No such file or directory");
    }
}

TEST_CASE("a file that is not a tty is refused as a serial device") {
    IoThread io;
    CHECK(error_of([&] { open_serial_listener(io.io, SerialSettings{"/dev/null"}); }) ==
          std::errc::inappropriate_io_control_operation);
}

TEST_CASE("1.5 stop bits are refused unless the word has 5 data bits") {
    Cable cable;
    IoThread io;
    SerialSettings settings{cable.device()};
    settings.stop_bits = SerialSettings::StopBits::one_and_half;
    CHECK(error_of([&] { open_serial_listener(io.io, settings); }) == std::errc::invalid_argument);
}

TEST_CASE("only serial ports have a SerialLine") {
    IoThread io;
    auto pair = make_loopback(io.io.get_executor());
    CHECK(serial_line(*pair.host_side) == nullptr);
}

TEST_CASE("listing serial ports names only devices, never ptys") {
    for (const auto& port : list_serial_ports()) {
        CAPTURE(port.device);
        CHECK(port.device.starts_with("/dev/"));
        CHECK_FALSE(port.device.starts_with("/dev/pts"));
        CHECK_FALSE(port.device.starts_with("/dev/tty0"));
    }
}
