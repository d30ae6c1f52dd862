// termios for serial lines. Asio's serial_port options cover only a fixed
// baud table and no mark/space parity, so the line is configured here on
// the native descriptor before Asio takes it over.
#include "posix/ports/serial_settings.hpp"

#include <rasshost/config.h>

#include "posix/ports/any_baud.hpp"

#include <array>
#include <cerrno>
#include <system_error>
#include <utility>

#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#if RASSHOST_OS_LINUX
#include <linux/serial.h>
#endif

namespace rasshost::posix {
namespace {

using Parity = SerialSettings::Parity;
using StopBits = SerialSettings::StopBits;
using FlowControl = SerialSettings::FlowControl;

[[noreturn]] void fail(const std::string& what, const std::string& step, int error = errno) {
    throw std::system_error(error, std::system_category(), what + ": " + step);
}

constexpr std::array<std::pair<unsigned, speed_t>, 31> standard_speeds{{
    {50, B50}, {75, B75}, {110, B110}, {134, B134}, {150, B150}, {200, B200}, {300, B300}, {600, B600},
    {1200, B1200}, {1800, B1800}, {2400, B2400}, {4800, B4800}, {9600, B9600}, {19200, B19200},
    {38400, B38400}, {57600, B57600}, {115200, B115200}, {230400, B230400}, {460800, B460800},
    {500000, B500000}, {576000, B576000}, {921600, B921600}, {1000000, B1000000}, {1152000, B1152000},
    {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000},
    {3500000, B3500000}, {4000000, B4000000}, {0, B0}}};

tcflag_t size_flag(unsigned data_bits) {
    switch (data_bits) {
    case 5: return CS5;
    case 6: return CS6;
    case 7: return CS7;
    default: return CS8;
    }
}

// Linux's ASYNC_LOW_LATENCY: the driver hands received bytes to the line
// discipline at once instead of batching them. Devices without serial_struct
// (ptys, many USB adapters) answer ENOTTY or EINVAL: nothing to tune there.
void set_low_latency(int fd, bool on, const std::string& what) {
#if RASSHOST_OS_LINUX
    serial_struct serial{};
    if (::ioctl(fd, TIOCGSERIAL, &serial) != 0) {
        if (errno == ENOTTY || errno == EINVAL) return;
        fail(what, "TIOCGSERIAL");
    }
    const bool is_on = (serial.flags & ASYNC_LOW_LATENCY) != 0;
    if (is_on == on) return;
    serial.flags = on ? serial.flags | ASYNC_LOW_LATENCY : serial.flags & ~ASYNC_LOW_LATENCY;
    if (::ioctl(fd, TIOCSSERIAL, &serial) != 0 && errno != ENOTTY && errno != EINVAL) fail(what, "TIOCSSERIAL");
#else
    (void)fd, (void)on, (void)what;
#endif
}

bool low_latency(int fd) {
#if RASSHOST_OS_LINUX
    serial_struct serial{};
    return ::ioctl(fd, TIOCGSERIAL, &serial) == 0 && (serial.flags & ASYNC_LOW_LATENCY) != 0;
#else
    (void)fd;
    return false;
#endif
}

}  // namespace

void apply_serial_settings(int fd, const SerialSettings& s, const std::string& what) {
    // 1.5 stop bits exist only with 5-bit words: a UART given "2 stop bits"
    // with CS5 sends 1.5 (POSIX leaves it to the hardware; the 8250/16550
    // family does this). Any other combination is refused, not rounded.
    if (s.stop_bits == StopBits::one_and_half && s.data_bits != 5)
        fail(what, "1.5 stop bits need 5 data bits", EINVAL);

    termios t{};
    if (::tcgetattr(fd, &t) != 0) fail(what, "tcgetattr");
    ::cfmakeraw(&t);
    t.c_cflag &= ~(CSIZE | PARENB | PARODD | CMSPAR | CSTOPB | CRTSCTS | CLOCAL);
    t.c_cflag |= CREAD | HUPCL | size_flag(s.data_bits);
    switch (s.parity) {
    case Parity::none: break;
    case Parity::odd: t.c_cflag |= PARENB | PARODD; break;
    case Parity::even: t.c_cflag |= PARENB; break;
    case Parity::mark: t.c_cflag |= PARENB | CMSPAR | PARODD; break;
    case Parity::space: t.c_cflag |= PARENB | CMSPAR; break;
    }
    if (s.stop_bits != StopBits::one) t.c_cflag |= CSTOPB;
    t.c_iflag &= ~(IXON | IXOFF | IXANY);
    if (s.flow == FlowControl::rts_cts) t.c_cflag |= CRTSCTS;
    if (s.flow == FlowControl::xon_xoff) t.c_iflag |= IXON | IXOFF;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;

    bool standard = false;
    for (const auto& [baud, speed] : standard_speeds)
        if (baud == s.baud && baud != 0) {
            ::cfsetispeed(&t, speed);
            ::cfsetospeed(&t, speed);
            standard = true;
        }
    if (::tcsetattr(fd, TCSANOW, &t) != 0) fail(what, "tcsetattr");
    if (!standard)
        if (const int error = set_any_baud(fd, s.baud); error != 0)
            fail(what, "baud " + std::to_string(s.baud), error);
    set_low_latency(fd, s.low_latency, what);
}

SerialSettings read_serial_settings(int fd, const std::string& device) {
    termios t{};
    if (::tcgetattr(fd, &t) != 0) fail("serial " + device, "tcgetattr");
    SerialSettings s;
    s.device = device;
    s.baud = get_baud(fd);
    if (s.baud == 0)
        for (const auto& [baud, speed] : standard_speeds)
            if (speed == ::cfgetospeed(&t)) s.baud = baud;
    switch (t.c_cflag & CSIZE) {
    case CS5: s.data_bits = 5; break;
    case CS6: s.data_bits = 6; break;
    case CS7: s.data_bits = 7; break;
    default: s.data_bits = 8; break;
    }
    const bool odd = (t.c_cflag & PARODD) != 0;
    if (!(t.c_cflag & PARENB)) s.parity = Parity::none;
    else if (t.c_cflag & CMSPAR) s.parity = odd ? Parity::mark : Parity::space;
    else s.parity = odd ? Parity::odd : Parity::even;
    if (t.c_cflag & CSTOPB) s.stop_bits = s.data_bits == 5 ? StopBits::one_and_half : StopBits::two;
    if (t.c_cflag & CRTSCTS) s.flow = FlowControl::rts_cts;
    else if (t.c_iflag & IXON) s.flow = FlowControl::xon_xoff;
    s.low_latency = low_latency(fd);
    return s;
}

}  // namespace rasshost::posix
