// TCP lines: one Port per connection, bytes both ways, hang-ups both ways,
// and telnet negotiation kept away from the DLL.
#include "port_driver.hpp"

#include <rasshost/listeners.hpp>
#include <rasshost/remote_ends.hpp>

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
    CHECK(remote_read(*remote1, 10) == "Password: ");
    CHECK(remote_read(*remote2, 7) == "Login: ");
    f.io.destroy(port1);
    f.io.destroy(port2);
}

TEST_CASE("a remote close on tcp is eof for the host's read") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    auto reading = f.io.start_read(*port);
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

TEST_CASE("telnet negotiation never reaches the tcp reader and is refused") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    // DO ECHO, WILL TTYPE, a NAWS subnegotiation, then the user's typing.
    remote->write(bytes_of(std::string("\xFF\xFD\x01\xFF\xFB\x18\xFF\xFA\x1F\x00\x50\x00\x18\xFF\xF0", 15)));
    auto reading = f.io.start_read(*port);
    remote->write(bytes_of("alice\xFF\xFF\r"));
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    auto first = reading.get();
    REQUIRE_FALSE(first.error);
    const auto typed = first.bytes + f.io.read_exactly(*port, 7 - first.bytes.size());
    CHECK(typed == "alice\xFF\r");
    CHECK(remote_read(*remote, 6) == "\xFF\xFC\x01\xFF\xFE\x18");  // WONT ECHO, DONT TTYPE
    f.io.destroy(port);
}

TEST_CASE("0xFF written to tcp goes out as IAC IAC") {
    TcpFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = f.connect();
    auto port = IoThread::port_of(accepting);
    CHECK_FALSE(f.io.write(*port, "a\xFF" "b"));
    CHECK(remote_read(*remote, 4) == "a\xFF\xFF" "b");
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
    CHECK(remote_read(*remote, down.size()) == down);
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
