// pty lines: a call is the remote side opening the slave; closing it is a
// hang-up; the next open is the next call.
#include "../port_driver.hpp"

#include <rasshost/connect_remote.hpp>
#include <rasshost/listeners.hpp>

#include <asio/error.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

using namespace rasshost;
using namespace port_driver;

namespace {

struct PtyFixture {
    explicit PtyFixture(PtySettings settings = {}) : listener(open_pty_listener(io.io, settings)) {}
    ~PtyFixture() { io.destroy(listener); }
    IoThread io;
    std::unique_ptr<PtyListener> listener;
};

}  // namespace

TEST_CASE("a pty listener publishes its slave path") {
    PtyFixture f;
    CHECK(f.listener->slave_path().starts_with("/dev/pts/"));
    CHECK(f.listener->description() == "pty " + f.listener->slave_path());
    CHECK(f.listener->max_concurrent() == 1);
}

TEST_CASE("opening the pty slave is the call, bytes flow both ways") {
    PtyFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    auto remote = connect_pty_remote(f.listener->slave_path());
    auto port = IoThread::port_of(accepting);
    CHECK(port->device_name() == "pty " + f.listener->slave_path());
    remote->write(bytes_of("alice\r"));
    CHECK(f.io.read_exactly(*port, 6) == "alice\r");  // raw: no CR/NL translation
    CHECK_FALSE(f.io.write(*port, "Password:\n"));
    CHECK(remote_read(*remote, 10) == "Password:\n");
    f.io.destroy(port);
}

TEST_CASE("a slave opened before accept was asked for still is the call") {
    PtyFixture f;
    auto remote = connect_pty_remote(f.listener->slave_path());
    auto port = f.io.accept(*f.listener);
    remote->write(bytes_of("x"));
    CHECK(f.io.read_exactly(*port, 1) == "x");
    f.io.destroy(port);
}

TEST_CASE("the remote closing the pty slave is eof, and the next open is a second call") {
    PtyFixture f;
    auto remote = connect_pty_remote(f.listener->slave_path());
    auto port = f.io.accept(*f.listener);
    auto reading = f.io.start_read(*port);
    remote->close();
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::eof);
    f.io.destroy(port);

    auto accepting = f.io.start_accept(*f.listener);
    auto second_remote = connect_pty_remote(f.listener->slave_path());
    auto second = IoThread::port_of(accepting);
    second_remote->write(bytes_of("again"));
    CHECK(f.io.read_exactly(*second, 5) == "again");
    CHECK_FALSE(f.io.write(*second, "ok"));
    CHECK(remote_read(*second_remote, 2) == "ok");
    f.io.destroy(second);
}

TEST_CASE("the host closing a pty port hangs the remote up, and the next call gets a fresh pty") {
    PtyFixture f;
    const auto first_slave = f.listener->slave_path();
    auto remote = connect_pty_remote(first_slave);
    auto port = f.io.accept(*f.listener);
    auto reading = f.io.start_read(*port);
    f.io.run([&] { port->close(); });
    REQUIRE(reading.wait_for(patience) == std::future_status::ready);
    CHECK(reading.get().error == asio::error::operation_aborted);
    CHECK(remote_sees_hangup(*remote));
    f.io.destroy(port);

    auto accepting = f.io.start_accept(*f.listener);
    auto second_remote = connect_pty_remote(f.listener->slave_path());
    auto second = IoThread::port_of(accepting);
    second_remote->write(bytes_of("hi"));
    CHECK(f.io.read_exactly(*second, 2) == "hi");
    f.io.destroy(second);
}

TEST_CASE("64 KiB cross a pty both ways without loss") {
    PtyFixture f;
    auto remote = connect_pty_remote(f.listener->slave_path());
    auto port = f.io.accept(*f.listener);
    const auto up = pattern(65536, 3);
    const auto down = pattern(65536, 4);
    auto writing = f.io.start_write(*port, down);
    CHECK(remote_read(*remote, down.size()) == down);
    REQUIRE(writing.wait_for(patience) == std::future_status::ready);
    CHECK_FALSE(writing.get());
    std::thread sender([&] { remote->write(bytes_of(up)); });
    CHECK(f.io.read_exactly(*port, up.size()) == up);
    sender.join();
    f.io.destroy(port);
}

TEST_CASE("a pty link names the slave while listening and is removed on close") {
    const auto link = std::filesystem::temp_directory_path() / ("rasshost-pty-test-" + std::to_string(::getpid()));
    {
        PtyFixture f(PtySettings{link.string()});
        CHECK(std::filesystem::read_symlink(link) == f.listener->slave_path());
        auto remote = connect_pty_remote(link.string());
        auto port = f.io.accept(*f.listener);
        remote->write(bytes_of("via link"));
        CHECK(f.io.read_exactly(*port, 8) == "via link");
        f.io.destroy(port);
    }
    CHECK_FALSE(std::filesystem::is_symlink(link));
}

TEST_CASE("closing the pty listener aborts a pending accept") {
    PtyFixture f;
    auto accepting = f.io.start_accept(*f.listener);
    f.io.run([&] { f.listener->close(); });
    REQUIRE(accepting.wait_for(patience) == std::future_status::ready);
    CHECK(accepting.get().error == asio::error::operation_aborted);
}

namespace {

std::filesystem::path scratch_link(const char* what) {
    return std::filesystem::temp_directory_path() /
           ("rasshost-pty-" + std::string(what) + "-" + std::to_string(::getpid()));
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

// Run as root with link=/etc/passwd, the host used to replace the file with
// its symlink and delete it on exit.
TEST_CASE("a pty link never replaces an existing file: the listener is refused and the file stays") {
    const auto path = scratch_link("existing-file");
    std::ofstream(path) << "precious\n";
    std::string message;
    try {
        PtyFixture f(PtySettings{path.string()});
    } catch (const std::system_error& e) {
        message = e.what();
    }
    CHECK(message.find(path.string()) != std::string::npos);
    CHECK(message.find("exists") != std::string::npos);
    CHECK_FALSE(std::filesystem::is_symlink(path));
    CHECK(file_text(path) == "precious\n");
    std::filesystem::remove(path);
}

TEST_CASE("a pty link is refused over an existing symlink, even a dangling one") {
    const auto path = scratch_link("existing-link");
    std::filesystem::create_symlink("/nonexistent/rasshost-target", path);
    CHECK_THROWS_AS(PtyFixture(PtySettings{path.string()}), std::system_error);
    CHECK(std::filesystem::read_symlink(path) == "/nonexistent/rasshost-target");
    std::filesystem::remove(path);
}

TEST_CASE("on close a pty link is removed only if it is still the host's own") {
    const auto path = scratch_link("replaced");
    {
        PtyFixture f(PtySettings{path.string()});
        REQUIRE(std::filesystem::read_symlink(path) == f.listener->slave_path());
        std::filesystem::remove(path);
        std::ofstream(path) << "someone else's\n";  // replaced while the host ran
    }
    CHECK(file_text(path) == "someone else's\n");
    std::filesystem::remove(path);
}
