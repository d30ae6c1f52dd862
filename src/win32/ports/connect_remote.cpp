// The remote user's side of a TCP line on Windows, with Asio's blocking
// socket (Winsock): select() for the timeout, and every way the connection
// can end reported as eof, as RemoteEnd promises. (Ptys: pty_port.cpp.)
#include <rasshost/connect_remote.hpp>

#include <asio/connect.hpp>
#include <asio/error.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/write.hpp>

#include <system_error>

namespace rasshost {
namespace {

class TcpRemote final : public RemoteEnd {
public:
    TcpRemote() : socket_(io_) {}
    ~TcpRemote() override { close(); }

    void connect(const std::string& host, std::uint16_t port) {
        const auto where = "tcp " + host + ":" + std::to_string(port);
        std::error_code error;
        const auto address = asio::ip::make_address(host, error);
        if (error) throw std::system_error(error, where);
        socket_.connect({address, port}, error);
        if (error) throw std::system_error(error, where);
    }

    void write(std::span<const std::byte> data) override {
        std::error_code error;
        asio::write(socket_, asio::buffer(data.data(), data.size()), error);
        if (error) throw std::system_error(ended(error) ? asio::error::eof : error, "remote write");
    }

    std::size_t read_some(std::span<std::byte> buffer, std::chrono::milliseconds timeout) override {
        if (!socket_.is_open()) throw std::system_error(asio::error::eof, "remote read");
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(socket_.native_handle(), &readable);
        timeval limit{static_cast<long>(timeout.count() / 1000), static_cast<long>(timeout.count() % 1000) * 1000};
        const int ready = ::select(0, &readable, nullptr, nullptr, &limit);
        if (ready == 0) return 0;
        if (ready < 0) throw std::system_error(::WSAGetLastError(), std::system_category(), "remote select");
        std::error_code error;
        const std::size_t n = socket_.read_some(asio::buffer(buffer.data(), buffer.size()), error);
        if (error) throw std::system_error(ended(error) ? asio::error::eof : error, "remote read");
        return n;
    }

    void close() noexcept override {
        std::error_code ignored;
        socket_.close(ignored);
    }

private:
    static bool ended(const std::error_code& error) {
        return error == asio::error::eof || error == asio::error::connection_reset ||
               error == asio::error::connection_aborted || error == asio::error::broken_pipe;
    }

    asio::io_context io_;
    asio::ip::tcp::socket socket_;
};

}  // namespace

std::unique_ptr<RemoteEnd> connect_tcp_remote(const std::string& host, std::uint16_t port) {
    auto remote = std::make_unique<TcpRemote>();
    remote->connect(host, port);
    return remote;
}

}  // namespace rasshost
