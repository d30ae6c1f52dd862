// The in-memory line behind make_loopback(): two byte queues under one
// mutex. The host side completes reads through its executor (as a real port
// does); the remote side blocks on a condition variable (it is test code).
//
// The remote-to-host queue is bounded like a socket's buffer: the remote's
// write blocks while kLineBuffer bytes wait unread, so a remote that floods
// the line grows the host's memory, never the test harness's.
#include <rasshost/loopback.hpp>

#include "common/port_completion.hpp"

#include <asio/error.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <utility>

namespace rasshost {
namespace {

constexpr std::size_t kLineBuffer = 64 * 1024;

struct Line {
    std::mutex mutex;
    std::condition_variable remote_can_read;
    std::condition_variable remote_can_write;
    std::deque<std::byte> to_host;
    std::deque<std::byte> to_remote;
    bool host_closed = false;
    bool remote_closed = false;
    std::span<std::byte> pending_buffer;  // the host's outstanding read, if any
    IoHandler pending_handler;
};

std::size_t take(std::deque<std::byte>& queue, std::span<std::byte> buffer) {
    const auto n = std::min(queue.size(), buffer.size());
    std::copy_n(queue.begin(), n, buffer.begin());
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(n));
    return n;
}

class LoopbackPort final : public Port {
public:
    LoopbackPort(std::shared_ptr<Line> line, asio::any_io_executor executor, std::string name)
        : line_(std::move(line)), executor_(std::move(executor)), name_(std::move(name)) {}
    ~LoopbackPort() override { close(); }

    const std::string& device_name() const noexcept override { return name_; }
    asio::any_io_executor get_executor() noexcept override { return executor_; }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        std::lock_guard lock(line_->mutex);
        if (line_->host_closed) return post_aborted(executor_, std::move(handler));
        if (!line_->to_host.empty()) {
            const auto n = take(line_->to_host, buffer);
            line_->remote_can_write.notify_all();
            return post_completion(executor_, std::move(handler), {}, n);
        }
        if (line_->remote_closed) return post_completion(executor_, std::move(handler), asio::error::eof);
        line_->pending_buffer = buffer;
        line_->pending_handler = std::move(handler);
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        std::lock_guard lock(line_->mutex);
        if (line_->host_closed) return post_aborted(executor_, std::move(handler));
        if (line_->remote_closed) return post_completion(executor_, std::move(handler), asio::error::broken_pipe);
        line_->to_remote.insert(line_->to_remote.end(), data.begin(), data.end());
        line_->remote_can_read.notify_all();
        post_completion(executor_, std::move(handler), {}, data.size());
    }

    void close() noexcept override {
        std::lock_guard lock(line_->mutex);
        if (line_->host_closed) return;
        line_->host_closed = true;
        if (line_->pending_handler) post_aborted(executor_, std::exchange(line_->pending_handler, {}));
        line_->remote_can_read.notify_all();
        line_->remote_can_write.notify_all();
    }

private:
    std::shared_ptr<Line> line_;
    asio::any_io_executor executor_;
    std::string name_;
};

class LoopbackRemote final : public RemoteEnd {
public:
    LoopbackRemote(std::shared_ptr<Line> line, asio::any_io_executor executor)
        : line_(std::move(line)), executor_(std::move(executor)) {}
    ~LoopbackRemote() override { close(); }

    void write(std::span<const std::byte> data) override {
        std::unique_lock lock(line_->mutex);
        while (!data.empty()) {
            line_->remote_can_write.wait(lock, [&] {
                return line_->to_host.size() < kLineBuffer || line_->remote_closed || line_->host_closed;
            });
            if (line_->remote_closed || line_->host_closed)
                throw std::system_error(asio::error::broken_pipe, "loopback write");
            const auto n = std::min(data.size(), kLineBuffer - line_->to_host.size());
            line_->to_host.insert(line_->to_host.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
            data = data.subspan(n);
            if (line_->pending_handler) {
                const auto taken = take(line_->to_host, line_->pending_buffer);
                IoHandler handler = std::exchange(line_->pending_handler, {});
                // Posted with the lock released: waking the io thread is a
                // system call, and the woken thread's next read takes the lock.
                lock.unlock();
                post_completion(executor_, std::move(handler), {}, taken);
                lock.lock();
            }
        }
    }

    std::size_t read_some(std::span<std::byte> buffer, std::chrono::milliseconds timeout) override {
        std::unique_lock lock(line_->mutex);
        line_->remote_can_read.wait_for(lock, timeout, [&] {
            return !line_->to_remote.empty() || line_->host_closed || line_->remote_closed;
        });
        if (!line_->to_remote.empty()) return take(line_->to_remote, buffer);
        if (line_->host_closed || line_->remote_closed) throw std::system_error(asio::error::eof, "loopback read");
        return 0;
    }

    void close() noexcept override {
        std::lock_guard lock(line_->mutex);
        if (line_->remote_closed) return;
        line_->remote_closed = true;
        if (line_->pending_handler)
            post_completion(executor_, std::exchange(line_->pending_handler, {}), asio::error::eof);
        line_->remote_can_read.notify_all();
        line_->remote_can_write.notify_all();
    }

private:
    std::shared_ptr<Line> line_;
    asio::any_io_executor executor_;
};

}  // namespace

LoopbackPair make_loopback(asio::any_io_executor executor, std::string device_name) {
    auto line = std::make_shared<Line>();
    return {std::make_unique<LoopbackPort>(line, executor, std::move(device_name)),
            std::make_unique<LoopbackRemote>(line, executor)};
}

}  // namespace rasshost
