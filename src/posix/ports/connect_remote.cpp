// Blocking remote ends over file descriptors: poll() for the timeout, and
// every way a line can end (read of 0, EIO, ECONNRESET) reported as eof, as
// RemoteEnd promises.
#include <rasshost/connect_remote.hpp>

#include <asio/error.hpp>

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace rasshost {
namespace {

class FdRemote final : public RemoteEnd {
public:
    FdRemote(int fd, bool socket) : fd_(fd), socket_(socket) {}
    ~FdRemote() override { close(); }

    void write(std::span<const std::byte> data) override {
        while (!data.empty()) {
            if (fd_ < 0) throw std::system_error(asio::error::eof, "remote write");
            const auto n = socket_ ? ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL)
                                   : ::write(fd_, data.data(), data.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::system_error(errno, std::system_category(), "remote write");
            data = data.subspan(static_cast<std::size_t>(n));
        }
    }

    std::size_t read_some(std::span<std::byte> buffer, std::chrono::milliseconds timeout) override {
        if (fd_ < 0) throw std::system_error(asio::error::eof, "remote read");
        pollfd p{fd_, POLLIN, 0};
        int ready;
        do ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
        while (ready < 0 && errno == EINTR);
        if (ready == 0) return 0;
        if (ready < 0) throw std::system_error(errno, std::system_category(), "remote poll");
        ssize_t n;
        do n = ::read(fd_, buffer.data(), buffer.size());
        while (n < 0 && errno == EINTR);
        if (n > 0) return static_cast<std::size_t>(n);
        if (n == 0 || errno == EIO || errno == ECONNRESET) throw std::system_error(asio::error::eof, "remote read");
        throw std::system_error(errno, std::system_category(), "remote read");
    }

    void close() noexcept override {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
    bool socket_;
};

}  // namespace

std::unique_ptr<RemoteEnd> connect_pty_remote(const std::string& slave_path) {
    const int fd = ::open(slave_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::system_category(), "open " + slave_path);
    auto remote = std::make_unique<FdRemote>(fd, false);
    termios raw{};
    if (::tcgetattr(fd, &raw) == 0) {
        ::cfmakeraw(&raw);
        ::tcsetattr(fd, TCSANOW, &raw);
    }
    return remote;
}

std::unique_ptr<RemoteEnd> connect_tcp_remote(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const auto where = "tcp " + host + ":" + std::to_string(port);
    if (const int e = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); e != 0)
        throw std::system_error(std::make_error_code(std::errc::invalid_argument), where + ": " + ::gai_strerror(e));
    const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
    if (fd < 0) {
        ::freeaddrinfo(found);
        throw std::system_error(errno, std::system_category(), where + ": socket");
    }
    auto remote = std::make_unique<FdRemote>(fd, true);
    const int connected = ::connect(fd, found->ai_addr, found->ai_addrlen);
    const int error = errno;
    ::freeaddrinfo(found);
    if (connected != 0) throw std::system_error(error, std::system_category(), where);
    return remote;
}

}  // namespace rasshost
