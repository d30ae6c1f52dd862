// rasshost/serial.hpp - what a serial line offers beyond a byte stream (the
// extras users of libserialport and pyserial expect), and the machine's
// serial ports for `rasshost-serve --list-ports`.
#pragma once

#include "port.hpp"
#include "port_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rasshost {

/** The modem status inputs. */
struct ModemLines {
    bool cts = false;  ///< clear to send
    bool dsr = false;  ///< data set ready
    bool cd = false;   ///< carrier detect
    bool ri = false;   ///< ring indicator
};

/** The serial side of a Port from a serial listener (see serial_line()).
 *  Each call throws std::system_error when the device refuses: a device
 *  without modem lines (a pty) answers ENOTTY
 *  (std::errc::inappropriate_io_control_operation). Call on the port's
 *  executor, like every Port call. */
class RASSHOST_API SerialLine {
public:
    virtual ~SerialLine() = default;
    virtual void set_dtr(bool on) = 0;
    virtual void set_rts(bool on) = 0;
    virtual ModemLines modem_lines() = 0;
    /** Sends a break (about 0.25 s of continuous space). */
    virtual void send_break() = 0;
    /** The settings as the driver holds them now: a driver may have dropped
     *  some (a pty forces 8 data bits and no parity). */
    virtual SerialSettings settings() const = 0;
};

/** The SerialLine of a serial Port, or nullptr for any other kind. */
RASSHOST_API SerialLine* serial_line(Port& port) noexcept;

/** One serial port of the machine. */
struct SerialPortInfo {
    std::string device;       ///< "/dev/ttyUSB0"
    std::string driver;       ///< "ftdi_sio", "serial8250", ... ("" if unknown)
    std::optional<std::uint16_t> usb_vendor_id;
    std::optional<std::uint16_t> usb_product_id;
    std::string description;  ///< USB manufacturer and product, where known
    std::string usb_serial;   ///< the USB device's serial number, where it has one
    std::vector<std::string> names;  ///< its stable names: /dev/serial/by-id/..., sorted
};

/** The serial ports Linux knows (from /sys/class/tty), sorted by device.
 *  Virtual terminals and ptys are left out (no device link), and so are
 *  8250 ports whose UART type is 0 ("unknown"): the kernel registers a fixed
 *  number of ttyS ports whether or not hardware answers at their address,
 *  and those phantoms cannot be opened usefully. Empty where there is no
 *  /sys (or not Linux). */
RASSHOST_API std::vector<SerialPortInfo> list_serial_ports();

/** The same, read from a sysfs at `sys` and a /dev at `dev` (for tests). */
RASSHOST_API std::vector<SerialPortInfo> list_serial_ports(const std::string& sys, const std::string& dev);

}  // namespace rasshost
