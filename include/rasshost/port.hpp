// rasshost/port.hpp - the byte stream between the host and a remote user's
// terminal, and the listeners that produce one per call.
//
// A Port is one connected line: a serial port with a caller on it, an
// accepted TCP connection, a pty whose remote side is attached, the person's
// own terminal, or an in-memory loopback. Every Port of a host runs on the
// host's io_context (no thread per port); its handlers run there too.
#pragma once

#include "config.h"

#include <asio/any_io_executor.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <system_error>

namespace rasshost {

/** Completion of a read or write: the error and the bytes transferred. */
using IoHandler = std::function<void(const std::error_code&, std::size_t)>;

/** One connected line to a remote user. Calls are made on the port's
 *  executor; at most one read and one write are outstanding at a time. */
class RASSHOST_API Port {
public:
    virtual ~Port() = default;

    /** The name for RAS_SECURITY_INFO.DeviceName (e.g. "/dev/ttyS0",
     *  "tcp 127.0.0.1:40122", "pty /dev/pts/3", "loopback"). */
    virtual const std::string& device_name() const noexcept = 0;

    /** The remote end's network address without the port ("127.0.0.1",
     *  "::1"), for per-source limits and audit lines; empty for a line that
     *  has none (serial, pty, stdio, loopback). */
    virtual std::string peer_address() const { return {}; }

    /** The executor every operation and handler runs on. */
    virtual asio::any_io_executor get_executor() noexcept = 0;

    /** Reads at least one byte into `buffer` (which stays valid until the
     *  handler runs). Any error other than asio::error::operation_aborted
     *  means the line is gone: the remote hung up (asio::error::eof), the
     *  carrier dropped, the connection was reset, the device failed. */
    virtual void async_read_some(std::span<std::byte> buffer, IoHandler handler) = 0;

    /** Writes all of `data` (valid until the handler runs), or fails. */
    virtual void async_write(std::span<const std::byte> data, IoHandler handler) = 0;

    /** Hangs up: pending operations complete with operation_aborted and the
     *  line is released (socket closed, DTR dropped, pty closed).
     *  Idempotent. */
    virtual void close() noexcept = 0;

    /** Lends the line to another process (rasshost-serve --isolate runs
     *  each dialog in a child): returns a new descriptor for the same line,
     *  which the caller passes on and closes; -1 if this line cannot be
     *  lent (a loopback, Windows, a Port that has done I/O or is closed).
     *  This Port then does no I/O; once the other process is done with the
     *  line, close() ends the call as it would have in-process: it closes
     *  the connection, drops DTR, hangs up a pty whose remote is still
     *  there. Call it before any I/O. */
    virtual std::intptr_t lend_descriptor() { return -1; }

    /** After a dialog, hands the call over to another program (pppd, as a
     *  RAS server moved the line on to PPP): returns a new descriptor for
     *  the line, which the caller passes on and closes; -1 if this line
     *  cannot be handed over (a loopback, Windows, a closed Port). Pending
     *  operations end with operation_aborted and this Port does no I/O
     *  again; bytes it had read are not given back. close(), once that
     *  program is done, ends the call as usual (the connection closed, DTR
     *  dropped, the pty hung up). */
    virtual std::intptr_t hand_over() { return -1; }
};

/** Produces Ports: one per incoming call on a serial line, per accepted TCP
 *  connection, per attach of the remote side of a pty. */
class RASSHOST_API PortListener {
public:
    using AcceptHandler = std::function<void(const std::error_code&, std::unique_ptr<Port>)>;

    virtual ~PortListener() = default;

    /** For logs: "tcp 127.0.0.1:2323", "pty /dev/pts/4", "serial /dev/ttyS0". */
    virtual std::string description() const = 0;

    /** Waits for the next call and hands its Port over. Completes with
     *  asio::error::operation_aborted after close(). */
    virtual void async_accept(AcceptHandler handler) = 0;

    /** How many dialogs the listener carries at once: 1 for a single line
     *  (serial, pty, stdio; the host asks for the next call only after the
     *  dialog on it ended), more for TCP. */
    virtual std::size_t max_concurrent() const noexcept { return 1; }

    /** True for a network listener bound to every interface (0.0.0.0 or
     *  ::): anyone who can reach the machine can call, and the dialog's
     *  passwords cross the network in clear. The host warns about it. */
    virtual bool listens_on_all_interfaces() const noexcept { return false; }

    /** Stops listening; idempotent. */
    virtual void close() noexcept = 0;
};

}  // namespace rasshost
