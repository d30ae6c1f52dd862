// A telnet client for tests of a tcp line that must never block on it: a
// plain socket in non-blocking mode, written to and read from only as far
// as it can be. It can flood the host with one request and never read.
#pragma once

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

namespace telnet_client {

using namespace std::chrono_literals;

struct Flood {
    std::uint64_t sent = 0;
    bool host_stopped_reading = false;  // it took nothing for 2 s
    double seconds = 0;
    std::string unfinished;  // the rest of the request the last write cut
};

class Client {
public:
    explicit Client(std::uint16_t port) : socket_(io_) {
        socket_.connect({asio::ip::make_address("127.0.0.1"), port});
        socket_.non_blocking(true);
    }

    // What a write took of `data` (0 when the socket is full).
    std::size_t try_write(std::string_view data) {
        std::error_code error;
        const auto n = socket_.write_some(asio::buffer(data.data(), data.size()), error);
        if (error && error != asio::error::would_block) throw std::system_error(error, "telnet client write");
        return n;
    }

    // Reads what the host sent so far (and its hang-up); `keep` gets it.
    void drain(std::string* keep = nullptr) {
        char buffer[16 * 1024];
        for (;;) {
            std::error_code error;
            const auto n = socket_.read_some(asio::buffer(buffer), error);
            if (keep != nullptr) keep->append(buffer, n);
            if (error == asio::error::would_block || error == asio::error::eof) return;
            if (error) throw std::system_error(error, "telnet client read");
        }
    }

    // Sends `request` again and again without reading: `limit` bytes, or
    // until the host takes nothing for 2 s, or for `time` at most.
    Flood flood(std::string_view request, std::uint64_t limit, std::chrono::seconds time) {
        std::string chunk;
        while (chunk.size() + request.size() <= 64 * 1024) chunk += request;
        Flood result;
        const auto started = std::chrono::steady_clock::now();
        auto progress = started;
        std::size_t offset = 0;  // in chunk, where the last write stopped
        while (result.sent < limit && std::chrono::steady_clock::now() - started < time) {
            const auto n = try_write(std::string_view(chunk).substr(offset, limit - result.sent));
            const auto now = std::chrono::steady_clock::now();
            if (n > 0) {
                result.sent += n;
                offset = (offset + n) % chunk.size();
                progress = now;
            } else if (now - progress > 2s) {
                result.host_stopped_reading = true;
                break;
            } else {
                std::this_thread::sleep_for(1ms);
            }
        }
        result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        result.unfinished = chunk.substr(offset, (request.size() - offset % request.size()) % request.size());
        return result;
    }

    // Hangs up with a reset (a client killed with unread data does so).
    void reset() {
        socket_.set_option(asio::socket_base::linger(true, 0));
        socket_.close();
    }

private:
    asio::io_context io_;
    asio::ip::tcp::socket socket_;
};

}  // namespace telnet_client
