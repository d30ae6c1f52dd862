// Test helpers for real Ports: one io thread runs the io_context (as in the
// host), and the test thread makes every Port call through it and waits for
// the completion with a generous limit (a bug fails, it does not hang).
#pragma once

#include <doctest/doctest.h>
#include <rasshost/port.hpp>
#include <rasshost/remote_end.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace port_driver {

using namespace std::chrono_literals;

// Long enough never to fire on a loaded machine when things work.
constexpr auto patience = 30s;

inline std::span<const std::byte> bytes_of(const std::string& text) {
    return std::as_bytes(std::span(text.data(), text.size()));
}

struct AcceptResult {
    std::error_code error;
    std::unique_ptr<rasshost::Port> port;
};

struct ReadResult {
    std::error_code error;
    std::string bytes;
};

class IoThread {
public:
    IoThread() : thread_([this] { io.run(); }) {}
    ~IoThread() {
        guard_.reset();
        thread_.join();
    }

    // Runs f on the io thread and returns its result.
    template <typename F>
    auto run(F f) -> decltype(f()) {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        asio::post(io, [&task] { task(); });
        return result.get();
    }

    // Destroys a Port or listener on the io thread, where its handlers run.
    template <typename T>
    void destroy(std::unique_ptr<T>& object) {
        run([&] { object.reset(); });
    }

    // Errors travel as values: an exception_ptr crossing threads is a
    // false positive for TSan (libstdc++'s refcount is not instrumented).
    std::future<AcceptResult> start_accept(rasshost::PortListener& listener) {
        auto promise = std::make_shared<std::promise<AcceptResult>>();
        auto result = promise->get_future();
        run([&] {
            listener.async_accept([promise](const std::error_code& error, std::unique_ptr<rasshost::Port> port) {
                promise->set_value({error, std::move(port)});
            });
        });
        return result;
    }

    static std::unique_ptr<rasshost::Port> port_of(std::future<AcceptResult>& accepting) {
        REQUIRE(accepting.wait_for(patience) == std::future_status::ready);
        auto result = accepting.get();
        REQUIRE_FALSE(result.error);
        REQUIRE(result.port != nullptr);
        return std::move(result.port);
    }

    std::unique_ptr<rasshost::Port> accept(rasshost::PortListener& listener) {
        auto accepting = start_accept(listener);
        return port_of(accepting);
    }

    std::future<ReadResult> start_read(rasshost::Port& port, std::size_t size = 4096) {
        auto buffer = std::make_shared<std::vector<std::byte>>(size);
        auto promise = std::make_shared<std::promise<ReadResult>>();
        auto result = promise->get_future();
        run([&] {
            port.async_read_some(*buffer, [buffer, promise](const std::error_code& error, std::size_t n) {
                promise->set_value({error, std::string(reinterpret_cast<const char*>(buffer->data()), n)});
            });
        });
        return result;
    }

    ReadResult read(rasshost::Port& port, std::size_t size = 4096) {
        auto result = start_read(port, size);
        REQUIRE(result.wait_for(patience) == std::future_status::ready);
        return result.get();
    }

    // Reads until `count` bytes arrived or the line failed.
    std::string read_exactly(rasshost::Port& port, std::size_t count) {
        std::string all;
        while (all.size() < count) {
            auto got = read(port, count - all.size());
            REQUIRE_FALSE(got.error);
            all += got.bytes;
        }
        return all;
    }

    // `text` must stay alive until the result is ready.
    std::future<std::error_code> start_write(rasshost::Port& port, const std::string& text) {
        auto promise = std::make_shared<std::promise<std::error_code>>();
        auto result = promise->get_future();
        run([&] {
            port.async_write(bytes_of(text), [promise, size = text.size()](const std::error_code& error, std::size_t n) {
                promise->set_value(!error && n != size ? std::make_error_code(std::errc::message_size) : error);
            });
        });
        return result;
    }

    std::error_code write(rasshost::Port& port, const std::string& text) {
        auto result = start_write(port, text);
        REQUIRE(result.wait_for(patience) == std::future_status::ready);
        return result.get();
    }

    asio::io_context io;

private:
    asio::executor_work_guard<asio::io_context::executor_type> guard_{io.get_executor()};
    std::thread thread_;
};

// The remote user's reading: until `count` bytes or the patience ran out.
inline std::string remote_read(rasshost::RemoteEnd& remote, std::size_t count) {
    std::string all;
    std::vector<std::byte> buffer(count);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (all.size() < count && std::chrono::steady_clock::now() < deadline) {
        const auto n = remote.read_some(std::span(buffer).first(count - all.size()), 1s);
        all.append(reinterpret_cast<const char*>(buffer.data()), n);
    }
    return all;
}

// Whether the remote sees the host's hang-up within the patience.
inline bool remote_sees_hangup(rasshost::RemoteEnd& remote) {
    std::vector<std::byte> buffer(256);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            remote.read_some(buffer, 1s);
        } catch (const std::system_error&) {
            return true;
        }
    }
    return false;
}

// Deterministic bytes of every value, for transfers that must arrive intact.
inline std::string pattern(std::size_t size, unsigned seed) {
    std::string text(size, '\0');
    unsigned x = seed * 2654435761u + 1;
    for (auto& c : text) {
        x = x * 1103515245u + 12345u;
        c = static_cast<char>(x >> 16);
    }
    return text;
}

}  // namespace port_driver
