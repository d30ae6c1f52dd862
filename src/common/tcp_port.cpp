// TCP lines: one Port per accepted connection. The socket's state lives in
// a shared object owned by the Port and by every pending handler, so a Port
// destroyed with I/O in flight leaves nothing dangling.
#include <rasshost/listeners.hpp>
#include <rasshost/win32.h>

#include "common/backend.hpp"
#include "common/port_completion.hpp"
#include "common/tcp_port.hpp"
#include "common/telnet_filter.hpp"

#include <asio/error.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace rasshost {
namespace {

std::string endpoint_text(const asio::ip::tcp::endpoint& endpoint) {
    const auto address = endpoint.address().to_string();
    const bool v6 = endpoint.address().is_v6();
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(endpoint.port());
}

// A v4 caller of a dual-stack listener shows as ::ffff:a.b.c.d; limits and
// logs count it as the v4 address it is.
std::string plain_address(const asio::ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
    return address.to_string();
}

// Everything a connection needs, shared with its handlers.
struct Connection : std::enable_shared_from_this<Connection> {
    explicit Connection(asio::ip::tcp::socket s) : socket(std::move(s)) {}

    asio::ip::tcp::socket socket;
    TelnetFilter filter;
    std::vector<std::byte> raw;     // what the last read got off the wire
    std::vector<std::byte> data;    // raw minus telnet commands
    std::vector<std::byte> replies; // telnet answers produced by the last read
    bool closed = false;

    // Telnet answers and the user's writes share the socket, so every
    // write goes through one queue; `reported` is the count the caller
    // asked to write (before IAC escaping).
    struct Outgoing {
        std::vector<std::byte> bytes;
        IoHandler handler;  // empty for telnet answers
        std::size_t reported = 0;
    };
    std::deque<Outgoing> queue;
    std::size_t unsent = 0;  // bytes in `queue`
    bool writing = false;

    // Backpressure: while more than this is unsent, the remote is not read.
    // Every telnet request that needs an answer is 3 bytes in for 3 out, so
    // a client that sends them without reading what it is sent would grow
    // the queue without end; not reading it either holds the answers to
    // this bound plus one read's worth, and the requests stay in the
    // kernel's buffers, then in the client's. Backpressure rather than a
    // hang-up: a client that stops reading for a while (XOFF, a slow link)
    // loses nothing. A remote that never reads again is still seen to go
    // when a write fails, or ended by the dialog's time-out. Smaller than
    // the DLL's own output bound (1 MiB): a DLL's write may pass it, and
    // then only delays reading until the caller has taken the bulk of it.
    static constexpr std::size_t max_unsent = 64 * 1024;

    // The read held back by max_unsent, resumed when the queue drains.
    struct HeldRead {
        std::span<std::byte> buffer;
        IoHandler handler;
    };
    std::optional<HeldRead> held;
    bool handed_over = false;  // Port::hand_over: no read completes again

    // Our close() ends a held read at once: the write it waits for may
    // never complete (Wine does not cancel a write blocked on a peer that
    // does not read when its socket is closed).
    void abort_held_read() {
        if (auto aborted = std::exchange(held, std::nullopt))
            post_aborted(socket.get_executor(), std::move(aborted->handler));
    }

    // The host's telnet offer (WILL ECHO, WILL SGA), first on the line.
    void start() {
        std::vector<std::byte> offer;
        filter.offer(offer);
        send({std::move(offer), {}, 0});
    }

    void send(Outgoing outgoing) {
        unsent += outgoing.bytes.size();
        queue.push_back(std::move(outgoing));
        if (!writing) write_next();
    }

    void write_next() {
        if (queue.empty()) {
            writing = false;
            return;
        }
        writing = true;
        asio::async_write(socket, asio::buffer(queue.front().bytes),
                          [self = shared_from_this()](const std::error_code& error, std::size_t) {
                              self->written(error);
                          });
    }

    void written(const std::error_code& error) {
        auto done = std::move(queue.front());
        queue.pop_front();
        unsent -= done.bytes.size();
        if (error) {
            auto failed = std::exchange(queue, {});
            unsent = 0;
            writing = false;
            for (auto& o : failed)
                if (o.handler) o.handler(error, 0);
            // The line is gone (or closed): a held read learns it here.
            if (auto failed_read = std::exchange(held, std::nullopt))
                failed_read->handler(closed ? asio::error::operation_aborted : error, 0);
        }
        if (done.handler) done.handler(error, error ? 0 : done.reported);
        if (error) return;
        write_next();
        if (held && unsent <= max_unsent) {
            auto resumed = std::exchange(held, std::nullopt);
            read(resumed->buffer, std::move(resumed->handler));
        }
    }

    // At most this much off the wire per read: `raw` and `data` keep their
    // size for the connection's life, and a dialog asks for up to 4 KiB a
    // read. Measured per idle TCP dialog (N=1000): 15.7 KiB reading 4 KiB
    // here, 12.2 KiB reading 512 (the dialog's own input ring is 4 KiB).
    static constexpr std::size_t max_read = 512;

    // Reads until at least one data byte arrived: a read that carried only
    // telnet commands is not a completion for the caller.
    void read(std::span<std::byte> buffer, IoHandler handler) {
        // A write is in flight whenever anything is unsent: its completion
        // resumes this read, or fails it with the write's error.
        if (unsent > max_unsent) {
            held = HeldRead{buffer, std::move(handler)};
            return;
        }
        raw.resize(std::min(buffer.size(), max_read));
        socket.async_read_some(asio::buffer(raw), [self = shared_from_this(), buffer, handler = std::move(handler)](
                                                      const std::error_code& error, std::size_t n) mutable {
            // After our close() a read is aborted, whatever code the system
            // gives it (Windows: ERROR_OPERATION_ABORTED, Wine: another one).
            if (error || self->handed_over)
                return handler(self->closed || self->handed_over ? asio::error::operation_aborted : error, 0);
            self->data.clear();
            self->replies.clear();
            self->filter.feed(std::span(self->raw).first(n), self->data, self->replies);
            if (!self->replies.empty()) self->send({std::exchange(self->replies, {}), {}, 0});
            const std::size_t delivered = self->data.size();
            // data is never longer than raw, and raw is no longer than buffer
            std::copy(self->data.begin(), self->data.end(), buffer.begin());
            // What was typed (a password, maybe) does not stay behind here.
            SecureZeroMemory(self->raw.data(), n);
            SecureZeroMemory(self->data.data(), delivered);
            if (delivered == 0) return self->read(buffer, std::move(handler));
            handler({}, delivered);
        });
    }
};

class TcpPort final : public Port {
public:
    explicit TcpPort(asio::ip::tcp::socket socket) : connection_(std::make_shared<Connection>(std::move(socket))) {
        std::error_code ignored;
        const auto remote = connection_->socket.remote_endpoint(ignored);
        name_ = "tcp " + endpoint_text(remote);
        if (!ignored) peer_ = plain_address(remote.address());
    }
    ~TcpPort() override { close(); }

    const std::string& device_name() const noexcept override { return name_; }
    std::string peer_address() const override { return peer_; }
    asio::any_io_executor get_executor() noexcept override { return connection_->socket.get_executor(); }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        if (connection_->closed || connection_->handed_over) return post_aborted(get_executor(), std::move(handler));
        offer_once();
        connection_->read(buffer, std::move(handler));
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        if (connection_->closed || connection_->handed_over) return post_aborted(get_executor(), std::move(handler));
        offer_once();
        std::vector<std::byte> escaped;
        escaped.reserve(data.size());
        TelnetFilter::escape(data, escaped);
        connection_->send({std::move(escaped), std::move(handler), data.size()});
    }

    void close() noexcept override {
        if (std::exchange(connection_->closed, true)) return;
        connection_->abort_held_read();
        std::error_code ignored;
        connection_->socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        connection_->socket.close(ignored);
    }

    std::intptr_t lend_descriptor() override {
        if (connection_->closed || offered_) return -1;
        return backend::duplicate_line(static_cast<std::intptr_t>(connection_->socket.native_handle()));
    }

    // The program the call goes to gets the connection raw, without telnet.
    std::intptr_t hand_over() override {
        if (connection_->closed || connection_->handed_over) return -1;
        const auto line = backend::duplicate_line(static_cast<std::intptr_t>(connection_->socket.native_handle()));
        if (line < 0) return -1;
        connection_->handed_over = true;
        connection_->abort_held_read();
        std::error_code ignored;
        connection_->socket.cancel(ignored);
        return line;
    }

private:
    // The telnet offer goes out with the port's first read or write, when a
    // dialog starts on it: a connection handed to another process before
    // that (lend_descriptor) gets its offer from that process alone.
    void offer_once() {
        if (!std::exchange(offered_, true)) connection_->start();
    }

    std::shared_ptr<Connection> connection_;
    std::string name_;
    std::string peer_;
    bool offered_ = false;
};

class TcpListenerImpl final : public TcpListener {
public:
    TcpListenerImpl(asio::io_context& io, const TcpSettings& settings) : acceptor_(io) {
        const auto where = to_string(PortSpec(settings)).replace(3, 1, " ");  // "tcp HOST:PORT"
        try {
            const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(settings.host), settings.port);
            acceptor_.open(endpoint.protocol());
            acceptor_.set_option(asio::ip::tcp::acceptor::reuse_address(true));
            acceptor_.bind(endpoint);
            acceptor_.listen();
            local_ = acceptor_.local_endpoint();
        } catch (const std::system_error& e) {
            throw std::system_error(e.code(), where);
        }
    }
    // A listening socket another process opened (sd_listen_fds(3)).
    TcpListenerImpl(asio::io_context& io, std::intptr_t descriptor) : acceptor_(io) {
        using Native = asio::ip::tcp::acceptor::native_handle_type;
        const auto native = static_cast<Native>(descriptor);
        // The protocol (v4 or v6) is the socket's own; assign() needs it.
        acceptor_.assign(asio::ip::tcp::v4(), native);
        local_ = acceptor_.local_endpoint();  // throws for what is not a socket
        if (local_.address().is_v6()) {
            acceptor_.release();
            acceptor_.assign(asio::ip::tcp::v6(), native);
        }
        Listening listening;
        acceptor_.get_option(listening);
        if (!listening.value())
            throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                                    "passed socket " + std::to_string(descriptor) + " is not a listening TCP socket");
    }
    ~TcpListenerImpl() override { close(); }

    std::string description() const override { return "tcp " + endpoint_text(local_); }
    std::uint16_t local_port() const override { return local_.port(); }
    std::size_t max_concurrent() const noexcept override { return SIZE_MAX; }
    bool listens_on_all_interfaces() const noexcept override { return local_.address().is_unspecified(); }

    void async_accept(AcceptHandler handler) override {
        acceptor_.async_accept([handler = std::move(handler)](const std::error_code& error,
                                                              asio::ip::tcp::socket socket) {
            if (error) return handler(error, nullptr);
            std::error_code ignored;  // a dialog is small interactive writes: send each at once
            socket.set_option(asio::ip::tcp::no_delay(true), ignored);
            handler({}, std::make_unique<TcpPort>(std::move(socket)));
        });
    }

    void close() noexcept override {
        std::error_code ignored;
        acceptor_.close(ignored);
    }

private:
    // SO_ACCEPTCONN, as an Asio socket option: true on a listening socket.
    struct Listening {
        int flag = 0;
        template <class Protocol> int level(const Protocol&) const { return SOL_SOCKET; }
        template <class Protocol> int name(const Protocol&) const { return SO_ACCEPTCONN; }
        template <class Protocol> int* data(const Protocol&) { return &flag; }
        template <class Protocol> std::size_t size(const Protocol&) const { return sizeof flag; }
        template <class Protocol> void resize(const Protocol&, std::size_t) {}
        bool value() const { return flag != 0; }
    };

    asio::ip::tcp::acceptor acceptor_;
    asio::ip::tcp::endpoint local_;
};

}  // namespace

std::unique_ptr<Port> adopt_tcp_port(asio::io_context& io, std::intptr_t descriptor) {
    using Native = asio::ip::tcp::socket::native_handle_type;
    const auto native = static_cast<Native>(descriptor);
    asio::ip::tcp::socket socket(io);
    // The protocol (v4 or v6) is the socket's own; assign() needs it.
    socket.assign(asio::ip::tcp::v4(), native);
    const auto local = socket.local_endpoint();  // throws for what is not a socket
    if (local.address().is_v6()) {
        socket.release();
        socket.assign(asio::ip::tcp::v6(), native);
    }
    socket.remote_endpoint();  // throws unless connected
    std::error_code ignored;
    socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    return std::make_unique<TcpPort>(std::move(socket));
}

std::unique_ptr<TcpListener> open_tcp_listener(asio::io_context& io, const TcpSettings& settings) {
    return std::make_unique<TcpListenerImpl>(io, settings);
}

std::unique_ptr<TcpListener> adopt_tcp_listener(asio::io_context& io, std::intptr_t descriptor) {
    try {
        return std::make_unique<TcpListenerImpl>(io, descriptor);
    } catch (const std::system_error& e) {
        throw std::system_error(e.code(), "passed socket " + std::to_string(descriptor));
    }
}

}  // namespace rasshost
