// rasshost/listeners.hpp - the real lines: a PortListener for each kind of
// PortSpec, and the accessors tools and tests need (the bound TCP port when
// port 0 was asked for, the pty slave path the remote user attaches to).
#pragma once

#include "port.hpp"
#include "port_spec.hpp"

#include <asio/io_context.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace rasshost {

/** Listens on HOST:PORT; every accepted connection is one Port, named
 *  "tcp PEER:PORT". Telnet negotiation from the client is refused and never
 *  reaches the reader; 0xFF bytes written are sent as IAC IAC. */
class RASSHOST_API TcpListener : public PortListener {
public:
    /** The port actually bound (the ephemeral one when 0 was asked for). */
    virtual std::uint16_t local_port() const = 0;
};

/** A pseudo-terminal: a call begins when the remote side opens the slave
 *  (detected by inotify) and ends when it closes it. One call at a time;
 *  after a hang-up the next open is the next call. */
class RASSHOST_API PtyListener : public PortListener {
public:
    /** "/dev/pts/N", for the remote user's terminal program. */
    virtual const std::string& slave_path() const = 0;
};

/** Throws std::system_error naming the address ("tcp 10.9.9.9:23: Cannot
 *  assign requested address"). */
RASSHOST_API std::unique_ptr<TcpListener> open_tcp_listener(asio::io_context& io, const TcpSettings& settings);

/** A line lent by the process that took its call (Port::lend_descriptor;
 *  the child of an isolated dialog): `descriptor`, which the Port now owns,
 *  is a line of the kind `spec` names, already set up by the lender (the
 *  spec's settings are not applied again). The same Port as the kind's
 *  listener makes, telnet filter included for tcp. Throws
 *  std::system_error if the descriptor is not such a line, or where lines
 *  cannot be lent (Windows). */
RASSHOST_API std::unique_ptr<Port> adopt_port(asio::io_context& io, const PortSpec& spec, std::intptr_t descriptor);

/** Creates the pty (and its symlink, removed again by close()). */
RASSHOST_API std::unique_ptr<PtyListener> open_pty_listener(asio::io_context& io, const PtySettings& settings);

/** Opens and configures the device at once, so a bad device or setting is
 *  reported here ("serial /dev/ttyS9: No such file or directory"). Modem
 *  auto-answer is out of scope: the call is "up" as soon as the device is
 *  open; after a hang-up (carrier loss) the device is re-opened for the next
 *  call. Ports implement SerialLine (see serial.hpp). */
RASSHOST_API std::unique_ptr<PortListener> open_serial_listener(asio::io_context& io, const SerialSettings& settings);

/** The person's own terminal (fds 0 and 1): exactly one call, which begins
 *  at once; raw mode while the Port lives (see stdio_terminal.hpp). */
RASSHOST_API std::unique_ptr<PortListener> open_stdio_listener(asio::io_context& io);

/** A tcp listener on a listening socket another process opened and passed
 *  on (systemd's socket activation: take_listen_fds() in service.hpp):
 *  `descriptor`, which the listener now owns. Throws std::system_error if
 *  it is not a listening TCP socket. */
RASSHOST_API std::unique_ptr<TcpListener> adopt_tcp_listener(asio::io_context& io, std::intptr_t descriptor);

/** The listener for any spec. Throws std::system_error. */
RASSHOST_API std::unique_ptr<PortListener> open_listener(asio::io_context& io, const PortSpec& spec);

}  // namespace rasshost
