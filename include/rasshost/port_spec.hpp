// rasshost/port_spec.hpp - which line to serve, as a value: the settings of
// each kind of port and the "kind:details" strings users type for them
// (rasshost-serve --port SPEC). Pure data and parsing, no I/O.
#pragma once

#include "config.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace rasshost {

/** serial:DEVICE[,baud=1..4000000][,data=5..8][,parity=none|odd|even|mark|space]
 *  [,stop=1|1.5|2][,flow=none|rtscts|xonxoff][,lowlatency=on|off] */
struct SerialSettings {
    enum class Parity { none, odd, even, mark, space };
    enum class StopBits { one, one_and_half, two };
    enum class FlowControl { none, rts_cts, xon_xoff };

    std::string device;  ///< "/dev/ttyS0", "/dev/ttyUSB0", "COM3"
    unsigned baud = 9600;
    unsigned data_bits = 8;
    Parity parity = Parity::none;
    StopBits stop_bits = StopBits::one;
    FlowControl flow = FlowControl::none;
    bool low_latency = false;

    bool operator==(const SerialSettings&) const = default;
};

/** pty or pty:link=PATH - a pseudo-terminal whose slave side the remote user
 *  attaches to; `link`, if set, is a symlink published to the slave. */
struct PtySettings {
    std::string link;
    bool operator==(const PtySettings&) const = default;
};

/** tcp:HOST:PORT or tcp:[IPv6]:PORT - port 0 asks for an ephemeral port. */
struct TcpSettings {
    std::string host;
    std::uint16_t port = 0;
    bool operator==(const TcpSettings&) const = default;
};

/** stdio - the person's own terminal. */
struct StdioSettings {
    bool operator==(const StdioSettings&) const = default;
};

using PortSpec = std::variant<SerialSettings, PtySettings, TcpSettings, StdioSettings>;

/** A malformed port spec; what() quotes the spec and names the bad field. */
class RASSHOST_API PortSpecError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/** Parses a spec such as "serial:/dev/ttyS0,baud=9600,parity=none,data=8,
 *  stop=1,flow=rtscts", "pty", "pty:link=/tmp/ttyRAS", "tcp:127.0.0.1:2323",
 *  "tcp:[::1]:2323" or "stdio". Throws PortSpecError. */
RASSHOST_API PortSpec parse_port_spec(std::string_view text);

/** The canonical spec string; parse_port_spec(to_string(s)) == s. */
RASSHOST_API std::string to_string(const PortSpec& spec);

}  // namespace rasshost
