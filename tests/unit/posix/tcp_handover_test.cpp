// A tcp connection handed from one Port to another by its descriptor, as
// rasshost-serve --isolate hands it to a child process (POSIX: Asio cannot
// release a socket on every Windows version).
#include "../port_driver.hpp"

#include <rasshost/listeners.hpp>
#include <rasshost/remote_ends.hpp>

#include <system_error>

using namespace rasshost;
using namespace port_driver;

TEST_CASE("a tcp connection handed over by its descriptor is the same line, telnet filter included") {
    IoThread io;
    auto listener = open_tcp_listener(io.io, {"127.0.0.1", 0});
    auto accepting = io.start_accept(*listener);
    auto remote = connect_tcp_remote("127.0.0.1", listener->local_port());
    auto port = IoThread::port_of(accepting);
    const auto name = port->device_name();
    // Typed before the hand-over (a DO ECHO and the user's typing): it waits in the socket.
    remote->write(bytes_of(std::string("\xFF\xFD\x01" "alice\r", 9)));
    const auto descriptor = io.run([&] { return port->release_descriptor(); });
    REQUIRE(descriptor >= 0);
    CHECK(io.run([&] { return port->release_descriptor(); }) == -1);  // given up once
    io.destroy(port);  // does not close the connection it gave away

    auto adopted = io.run([&] { return adopt_tcp_port(io.io, descriptor); });
    CHECK(adopted->device_name() == name);
    CHECK(adopted->peer_address() == "127.0.0.1");
    CHECK(io.read_exactly(*adopted, 6) == "alice\r");
    CHECK_FALSE(io.write(*adopted, "Password: "));
    std::string seen;
    while (seen.find("Password: ") == std::string::npos) seen += remote_read(*remote, 1);
    CHECK(seen.ends_with("Password: "));
    io.run([&] { adopted->close(); });
    CHECK(remote_sees_hangup(*remote));
    io.destroy(adopted);
    io.destroy(listener);
}

TEST_CASE("adopting what is not a connected tcp socket is a system_error") {
    IoThread io;
    CHECK_THROWS_AS(io.run([&] { return adopt_tcp_port(io.io, 1000000); }), std::system_error);
}
