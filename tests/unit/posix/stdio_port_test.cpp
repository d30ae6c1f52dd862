// The stdio line, run in a child process whose stdin and stdout are a pty
// slave (the person's terminal); the test holds the master as the person.
#include <doctest/doctest.h>
#include <rasshost/listeners.hpp>
#include <rasshost/stdio_terminal.hpp>

#include <asio/error.hpp>
#include <asio/io_context.hpp>

#include "pty_master.hpp"

#include <array>
#include <csignal>
#include <cstring>
#include <cstdlib>
#include <string>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

using namespace rasshost;

namespace {

// A terminal with its usual cooked settings and a child attached to it.
class Terminal : public PtyMaster {
public:
    Terminal() {
        termios cooked = settings();
        cooked.c_lflag |= ICANON | ECHO | ISIG;
        cooked.c_oflag |= OPOST | ONLCR;
        REQUIRE(::tcsetattr(fd(), TCSANOW, &cooked) == 0);
    }

    // Runs `body` in a child with the slave as fds 0 and 1; its exit code
    // is the result.
    template <typename F>
    pid_t spawn(F body) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            const int fd = ::open(slave().c_str(), O_RDWR | O_NOCTTY);
            if (fd < 0 || ::dup2(fd, 0) < 0 || ::dup2(fd, 1) < 0) ::_exit(100);
            ::_exit(body());
        }
        return pid;
    }

    static int exit_code(pid_t pid) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

};

bool cooked(const termios& t) { return (t.c_lflag & ICANON) && (t.c_lflag & ECHO) && (t.c_oflag & OPOST); }

// The child's dialog: say "R" (ready), read "hi", answer "ok\n" raw, then
// `finish`.
template <typename F>
int child_dialog(F finish) {
    asio::io_context io;
    auto listener = open_stdio_listener(io);
    std::unique_ptr<Port> port;
    listener->async_accept([&](const std::error_code& error, std::unique_ptr<Port> p) {
        if (!error) port = std::move(p);
    });
    io.run();
    io.restart();
    if (!port || port->device_name() != "stdio") return 1;
    // Tell the parent the terminal is raw now: typing before that would be
    // echoed by the cooked terminal.
    const std::string ready = "R";
    port->async_write(std::as_bytes(std::span(ready.data(), ready.size())), [](const std::error_code&, std::size_t) {});
    io.run();
    io.restart();
    std::array<std::byte, 2> got{};
    std::size_t total = 0;
    while (total < 2) {
        std::error_code failed;
        port->async_read_some(std::span(got).subspan(total), [&](const std::error_code& e, std::size_t n) {
            failed = e;
            total += n;
        });
        io.run();
        io.restart();
        if (failed) return 2;
    }
    if (std::memcmp(got.data(), "hi", 2) != 0) return 3;
    const std::string answer = "ok\n";
    port->async_write(std::as_bytes(std::span(answer.data(), answer.size())), [](const std::error_code&, std::size_t) {});
    io.run();
    return finish(*port);
}

}  // namespace

TEST_CASE("stdio is raw while the port lives and cooked again after close") {
    Terminal terminal;
    const pid_t child = terminal.spawn([] {
        return child_dialog([](Port& port) {
            port.close();
            return 0;
        });
    });
    REQUIRE(terminal.read(1) == "R");
    terminal.write("hi");  // no newline: only raw mode delivers it
    CHECK(terminal.read(3) == "ok\n");  // no ONLCR: not "ok\r\n"
    CHECK(Terminal::exit_code(child) == 0);
    CHECK(cooked(terminal.settings()));
}

TEST_CASE("stdio's terminal is restored when the process exits without closing the port") {
    Terminal terminal;
    const pid_t child = terminal.spawn([] { return child_dialog([](Port&) { std::exit(0); return 0; }); });
    REQUIRE(terminal.read(1) == "R");
    terminal.write("hi");
    CHECK(terminal.read(3) == "ok\n");
    CHECK(Terminal::exit_code(child) == 0);
    CHECK(cooked(terminal.settings()));
}

TEST_CASE("restore_terminal from a signal handler restores stdio's terminal") {
    Terminal terminal;
    const pid_t child = terminal.spawn([] {
        return child_dialog([](Port&) {
            std::signal(SIGTERM, [](int) {
                restore_terminal();
                ::_exit(0);  // skips atexit: only the handler restores
            });
            std::raise(SIGTERM);
            return 9;
        });
    });
    REQUIRE(terminal.read(1) == "R");
    terminal.write("hi");
    CHECK(terminal.read(3) == "ok\n");
    CHECK(Terminal::exit_code(child) == 0);
    CHECK(cooked(terminal.settings()));
}

TEST_CASE("stdio has exactly one call") {
    asio::io_context io;
    auto listener = open_stdio_listener(io);
    listener->close();
    std::error_code error;
    listener->async_accept([&](const std::error_code& e, std::unique_ptr<Port>) { error = e; });
    io.run();
    CHECK(error == asio::error::operation_aborted);
}
