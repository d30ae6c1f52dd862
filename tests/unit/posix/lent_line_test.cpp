// A line lent by the Port that took the call to a Port made from the
// lent descriptor, as rasshost-serve --isolate lends each call to a child
// process (POSIX only: Windows lends no lines). The borrower is the same
// line; the lender keeps it up until it closes, after the borrower.
#include "../port_driver.hpp"
#include "pty_master.hpp"

#include <rasshost/connect_remote.hpp>
#include <rasshost/listeners.hpp>
#include <rasshost/serial.hpp>

#include <chrono>
#include <system_error>
#include <thread>

#include <unistd.h>

using namespace rasshost;
using namespace port_driver;
using namespace std::chrono_literals;

TEST_CASE("a lent tcp connection is the same line, telnet filter included") {
    IoThread io;
    auto listener = open_tcp_listener(io.io, {"127.0.0.1", 0});
    auto accepting = io.start_accept(*listener);
    auto remote = connect_tcp_remote("127.0.0.1", listener->local_port());
    auto lender = IoThread::port_of(accepting);
    // Typed before the lending (a DO ECHO and the user's typing): it waits in the socket.
    remote->write(bytes_of(std::string("\xFF\xFD\x01" "alice\r", 9)));
    const auto descriptor = io.run([&] { return lender->lend_descriptor(); });
    REQUIRE(descriptor > 2);

    auto borrower = io.run([&] { return adopt_port(io.io, TcpSettings{}, descriptor); });
    CHECK(borrower->device_name() == lender->device_name());
    CHECK(borrower->peer_address() == "127.0.0.1");
    CHECK(io.read_exactly(*borrower, 6) == "alice\r");
    CHECK_FALSE(io.write(*borrower, "Password: "));
    std::string seen;
    while (seen.find("Password: ") == std::string::npos) seen += remote_read(*remote, 1);
    CHECK(seen.ends_with("Password: "));
    io.run([&] { borrower->close(); });
    CHECK(remote_sees_hangup(*remote));
    io.destroy(borrower);
    io.run([&] { lender->close(); });
    io.destroy(lender);
    io.destroy(listener);
}

TEST_CASE("a port that has done I/O, or is closed, lends nothing") {
    IoThread io;
    auto listener = open_tcp_listener(io.io, {"127.0.0.1", 0});
    auto accepting = io.start_accept(*listener);
    auto remote = connect_tcp_remote("127.0.0.1", listener->local_port());
    auto port = IoThread::port_of(accepting);
    CHECK_FALSE(io.write(*port, "hi"));
    CHECK(io.run([&] { return port->lend_descriptor(); }) == -1);
    io.run([&] { port->close(); });
    CHECK(io.run([&] { return port->lend_descriptor(); }) == -1);
    io.destroy(port);
    io.destroy(listener);
}

TEST_CASE("a lent pty stays up when the borrower closes, and is hung up when the lender closes") {
    IoThread io;
    auto listener = open_pty_listener(io.io, {});
    auto accepting = io.start_accept(*listener);
    auto remote = connect_pty_remote(listener->slave_path());
    auto lender = IoThread::port_of(accepting);
    const auto descriptor = io.run([&] { return lender->lend_descriptor(); });
    REQUIRE(descriptor > 2);

    auto borrower = io.run([&] { return adopt_port(io.io, PtySettings{}, descriptor); });
    CHECK(borrower->device_name() == lender->device_name());
    remote->write(bytes_of("alice\r"));
    CHECK(io.read_exactly(*borrower, 6) == "alice\r");
    CHECK_FALSE(io.write(*borrower, "Bye\r\n"));
    CHECK(remote_read(*remote, 5) == "Bye\r\n");
    // The borrower hangs up with the remote still there (a crash closes it too):
    // its copy of the master closes after the usual linger, the line stays up.
    io.run([&] { borrower->close(); });
    io.destroy(borrower);
    std::this_thread::sleep_for(400ms);
    remote->write(bytes_of("x"));
    CHECK(io.read_exactly(*lender, 1) == "x");

    io.run([&] { lender->close(); });
    CHECK(remote_sees_hangup(*remote));
    io.destroy(lender);
    // The next call gets a fresh pty, as after any hang-up by the host.
    auto next = io.start_accept(*listener);
    auto second_remote = connect_pty_remote(listener->slave_path());
    auto second = IoThread::port_of(next);
    second_remote->write(bytes_of("hi"));
    CHECK(io.read_exactly(*second, 2) == "hi");
    io.destroy(second);
    io.destroy(listener);
}

TEST_CASE("a lent serial line keeps its device name and modem-line access") {
    PtyMaster cable;  // its slave plays the serial device
    IoThread io;
    SerialSettings settings;
    settings.device = cable.slave();
    auto listener = open_serial_listener(io.io, settings);
    auto lender = io.accept(*listener);
    const auto descriptor = io.run([&] { return lender->lend_descriptor(); });
    REQUIRE(descriptor > 2);

    auto borrower = io.run([&] { return adopt_port(io.io, settings, descriptor); });
    CHECK(borrower->device_name() == lender->device_name());
    CHECK(serial_line(*borrower) != nullptr);
    cable.write("alice\r");
    CHECK(io.read_exactly(*borrower, 6) == "alice\r");
    CHECK_FALSE(io.write(*borrower, "ok"));
    CHECK(cable.read(2) == "ok");
    io.destroy(borrower);
    io.destroy(lender);
    io.destroy(listener);
}

TEST_CASE("adopting a descriptor that is not a line of that kind is a system_error") {
    IoThread io;
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    SerialSettings serial;
    serial.device = "/dev/ttyS9";
    CHECK_THROWS_AS(io.run([&] { return adopt_port(io.io, TcpSettings{}, 1000000); }), std::system_error);
    CHECK_THROWS_AS(io.run([&] { return adopt_port(io.io, serial, ::dup(pipe_fds[0])); }), std::system_error);
    CHECK_THROWS_AS(io.run([&] { return adopt_port(io.io, PtySettings{}, ::dup(pipe_fds[0])); }), std::system_error);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
}
