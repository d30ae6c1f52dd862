// TCP lines: one Port per connection, bytes both ways, hang-ups both ways,
// telnet negotiation kept away from the DLL (and answered per RFC 1143),
// and a client that does not read what it is sent not read either.
#include "port_driver.hpp"
#include "telnet_client.hpp"

#include <rasshost/connect_remote.hpp>
#include <rasshost/listeners.hpp>

#include <asio/error.hpp>

using namespace rasshost;
using namespace port_driver;

namespace {

struct TcpFixture {
    IoThread io;
    std::unique_ptr<TcpListener> listener = open_tcp_listener(io.io, {"127.0.0.1", 0});
    ~TcpFixture() { io.destroy(listener); }
    std::unique_ptr<RemoteEnd> connect() { return connect_tcp_remote("127.0.0.1", listener->local_port()); }
};

// What the host says first on every tcp line: IAC WILL ECHO, IAC WILL SGA.
const std::string offer("\xFF\xFB\x01\xFF\xFB\x03", 6);

}  // namespace

TEST_CASE("a tcp listener on port 0 binds an ephemeral port and describes it") {
    TcpFixture f;
    CHECK(f.listener->local_port() != 0);
    CHECK(f.listener->description() == "tcp 127.0.0.1:" + std::to_string(f.listener->local_port()));
    CHECK(f.listener->max_concurrent() > 1);
}

TEST_CASE("tcp carries two connections at once, bytes both ways, each named for its peer") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote1 = f.connect();
    auto port1 = IoThread::port_of(accepting);
    auto remote2 = f.connect();
    auto port2 = f.io.accept(*f.listener);

    CHECK(port1->device_name().starts_with("tcp 127.0.0.1:"));
    CHECK(port2->device_name().starts_with("tcp 127.0.0.1:"));
    CHECK(port1->device_name() != port2->device_name());
    CHECK(port1->peer_address() == "127.0.0.1");

    remote1->write(bytes_of("one"));
    remote2->write(bytes_of("two"));
    CHECK(f.io.read_exactly(*port2, 3) == "two");
    CHECK(f.io.read_exactly(*port1, 3) == "one");
    CHECK_FALSE(f.io.write(*port1, "Password: "));
    CHECK_FALSE(f.io.write(*port2, "Login: "));
    CHECK(remote_read(*remote1, 16) == offer + "Password: ");
    CHECK(remote_read(*remote2, 13) == offer + "Login: ");
    f.io.destroy(port1);
    f.io.destroy(port2);
}

TEST_CASE("a remote close on tcp is eof for the host's read") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    auto reading = f.io.start_read(*port);
    CHECK(remote_read(*remote, 6) == offer);  // unread, it would make the close a reset
    remote->close();
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::eof);
    f.io.destroy(port);
}

TEST_CASE("a host close on tcp is eof for the remote and aborts the pending read") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    auto reading = f.io.start_read(*port);
    f.io.run([&] { port->close(); });
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::operation_aborted);
    CHECK(remote_sees_hangup(*remote));
    f.io.destroy(port);
}

TEST_CASE("telnet: the host offers ECHO and SGA, takes their acceptance silently, refuses the rest") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    auto reading = f.io.start_read(*port);  // the offer goes with the first read or write
    CHECK(remote_read(*remote, 6) == offer);
    // DO ECHO, DO SGA (the offer taken), WILL TTYPE, DO STATUS, a NAWS
    // subnegotiation, then the user's typing.
    remote->write(bytes_of(std::string("\xFF\xFD\x01\xFF\xFD\x03\xFF\xFB\x18\xFF\xFD\x05"
                                       "\xFF\xFA\x1F\x00\x50\x00\x18\xFF\xF0", 21)));
    remote->write(bytes_of("alice\xFF\xFF\r"));
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    auto first = reading.get();
    REQUIRE_FALSE(first.error);
    const auto typed = first.bytes + f.io.read_exactly(*port, 7 - first.bytes.size());
    CHECK(typed == "alice\xFF\r");
    CHECK(remote_read(*remote, 6) == "\xFF\xFE\x18\xFF\xFC\x05");  // DONT TTYPE, WONT STATUS
    // DONT ECHO twice, DO ECHO: WONT once, then WILL -- no second WONT.
    remote->write(bytes_of("\xFF\xFE\x01\xFF\xFE\x01\xFF\xFD\x01x"));
    CHECK(f.io.read_exactly(*port, 1) == "x");
    CHECK(remote_read(*remote, 6) == "\xFF\xFC\x01\xFF\xFB\x01");
    f.io.destroy(port);
}

TEST_CASE("telnet: CR NUL (a client's Return) reaches the tcp reader as CR, CR LF as it is") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    remote->write(bytes_of(std::string("alice\r\0s3cret\r\nx\r", 17)));
    CHECK(f.io.read_exactly(*port, 16) == "alice\rs3cret\r\nx\r");
    remote->write(bytes_of(std::string("\0y", 2)));  // the NUL of a CR NUL split across reads
    CHECK(f.io.read_exactly(*port, 1) == "y");
    f.io.destroy(port);
}

TEST_CASE("telnet: a client that sends requests and never reads is not read either -- close ends the held read") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    telnet_client::Client client(f.listener->local_port());
    auto port = IoThread::port_of(accepting);
    auto reading = f.io.start_read(*port);
    const auto flood = client.flood("\xFF\xFB\x18", 256 << 20, 20s);  // IAC WILL 24: DONT 24 each
    MESSAGE("the host took " << flood.sent / 1024 << " KiB of requests before it stopped reading");
    REQUIRE(flood.host_stopped_reading);
    CHECK(reading.wait_for(0s) == std::future_status::timeout);
    f.io.run([&] { port->close(); });
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::operation_aborted);
    f.io.destroy(port);
}

TEST_CASE("telnet: a held tcp read resumes when the client reads, and fails when it resets") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    telnet_client::Client client(f.listener->local_port());
    auto port = IoThread::port_of(accepting);
    auto reading = f.io.start_read(*port);
    auto flood = client.flood("\xFF\xFB\x18", 256 << 20, 20s);
    REQUIRE(flood.host_stopped_reading);
    // Reading resumes once the client reads: the typing after the flood
    // comes through.
    std::string_view typed = flood.unfinished += "a";
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (reading.wait_for(1ms) != std::future_status::ready && std::chrono::steady_clock::now() < deadline) {
        client.drain();
        typed.remove_prefix(client.try_write(typed));
    }
    REQUIRE(reading.wait_for(0s) == std::future_status::ready);
    CHECK(reading.get().bytes == "a");
    // Held again, then the client goes: the held read fails with it.
    reading = f.io.start_read(*port);
    REQUIRE(client.flood("\xFF\xFB\x18", 256 << 20, 20s).host_stopped_reading);
    client.reset();
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    const auto error = reading.get().error;
    CHECK(error);
    CHECK(error != asio::error::operation_aborted);
    f.io.destroy(port);
}

TEST_CASE("0xFF written to tcp goes out as IAC IAC") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    CHECK_FALSE(f.io.write(*port, "a\xFF" "b"));
    CHECK(remote_read(*remote, 10) == offer + "a\xFF\xFF" "b");
    f.io.destroy(port);
}

TEST_CASE("64 KiB cross tcp both ways without loss") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    auto up = pattern(65536, 1);
    auto down = pattern(65536, 2);
    for (auto* s : {&up, &down})
        for (auto& c : *s)
            if (c == '\xFF') c = 'x';  // 0xFF is telnet's escape, covered above
    auto writing = f.io.start_write(*port, down);
    CHECK(remote_read(*remote, offer.size() + down.size()) == offer + down);
    REQUIRE(writing.wait_for(patience) == std::future_status::ready);
    CHECK_FALSE(writing.get());
    std::thread sender([&] { remote->write(bytes_of(up)); });
    CHECK(f.io.read_exactly(*port, up.size()) == up);
    sender.join();
    f.io.destroy(port);
}

TEST_CASE("closing the tcp listener aborts a pending accept") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    f.io.run([&] { f.listener->close(); });
    REQUIRE(accepting.wait_for(patience) == std::future_status::ready);
    CHECK(accepting.get().error == asio::error::operation_aborted);
}

TEST_CASE("a tcp address that cannot be bound is a system_error naming it") {
    IoThread io;
    try {
        open_tcp_listener(io.io, {"192.0.2.1", 2323});  // TEST-NET: not ours
        FAIL("bound an address this machine does not have");
    } catch (const std::system_error& e) {
        CHECK(std::string(e.what()).starts_with("tcp 192.0.2.1:2323: "));
    }
}
