// The scale benchmark's remote users: many nonblocking fds (pty masters or
// tcp sockets) served by a few client threads with epoll, not a thread per
// user. Each user waits for the password prompt, then for the host's
// hang-up after it answered. Used by the host-side run (scale.cpp) and by
// the child process that holds the tcp users of a 10,000-dialog run
// (scale_client.cpp).
#pragma once

#include "common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace bench::scale {

using namespace std::chrono_literals;

struct User {
    int fd = -1;
    std::string key;                       // the host's device name for this line
    std::atomic<int> state{0};             // 0 calling, 1 at the prompt, 2 hung up, 3 failed
    char seen[32] = {};
    std::size_t used = 0;
    clock::time_point answered{};
    clock::time_point hung_up_at{};  // set before state 2
};

constexpr char prompt[] = "Password: ";

// Two threads serving the users' fds with epoll.
class Clients {
public:
    explicit Clients(std::size_t threads) {
        for (std::size_t i = 0; i < threads; ++i) {
            epolls_.push_back(::epoll_create1(EPOLL_CLOEXEC));
            cpu_.push_back(0);
        }
        for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this, i] { serve(i); });
    }
    ~Clients() {
        stop();
        for (int e : epolls_) ::close(e);
    }
    void stop() {
        stop_ = true;
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }
    void add(User& user, std::size_t index) {
        epoll_event event{};
        event.events = EPOLLIN | EPOLLRDHUP;
        event.data.ptr = &user;
        ::epoll_ctl(epolls_[index % epolls_.size()], EPOLL_CTL_ADD, user.fd, &event);
    }
    std::atomic<std::size_t> prompted{0};
    std::atomic<std::size_t> hung_up{0};
    std::atomic<std::size_t> failed{0};
    double cpu_seconds() {
        std::lock_guard lock(mutex_);
        double sum = 0;
        for (double c : cpu_) sum += c;
        return sum;
    }

private:
    void serve(std::size_t index) {
        const int ep = epolls_[index];
        epoll_event events[256];
        char buffer[256];
        while (!stop_) {
            const int n = ::epoll_wait(ep, events, 256, 20);
            for (int i = 0; i < n; ++i) {
                auto& user = *static_cast<User*>(events[i].data.ptr);
                bool gone = false;
                for (;;) {
                    const auto k = ::read(user.fd, buffer, sizeof buffer);
                    if (k > 0) {
                        if (user.state.load() == 0) {
                            const auto room = sizeof user.seen - 1 - user.used;
                            const auto take = std::min<std::size_t>(room, static_cast<std::size_t>(k));
                            std::memcpy(user.seen + user.used, buffer, take);
                            user.used += take;
                            if (std::strstr(user.seen, prompt)) {
                                user.state = 1;
                                prompted.fetch_add(1);
                            }
                        }
                        continue;
                    }
                    if (k < 0 && errno == EAGAIN) break;
                    if (k < 0 && errno == EINTR) continue;
                    gone = true;  // 0, EIO (pty hang-up), ECONNRESET
                    break;
                }
                if (gone || (events[i].events & (EPOLLHUP | EPOLLERR))) {
                    ::epoll_ctl(ep, EPOLL_CTL_DEL, user.fd, nullptr);
                    if (user.state.load() == 0) {
                        user.state = 3;
                        failed.fetch_add(1);
                    } else {
                        user.hung_up_at = clock::now();
                        user.state = 2;
                    }
                    hung_up.fetch_add(1);
                }
            }
        }
        std::lock_guard lock(mutex_);
        cpu_[index] = thread_cpu_seconds();
    }

    std::vector<int> epolls_;
    std::vector<std::thread> threads_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<double> cpu_;
};

constexpr char the_answer[] = "secret\r";

// Waits (polling: the bench's own thread, not the host) until the user's
// state reaches `state`; false at the deadline.
inline bool wait_state(const User& user, int state, clock::time_point deadline) {
    while (user.state.load() < state && clock::now() < deadline) std::this_thread::sleep_for(10us);
    return user.state.load() >= state;
}

inline void make_raw(int fd) {
    termios t{};
    if (::tcgetattr(fd, &t) == 0) {
        ::cfmakeraw(&t);
        ::tcsetattr(fd, TCSANOW, &t);
    }
}

// Starts a nonblocking connect of `user` to 127.0.0.1:port and names it as
// the host will ("tcp 127.0.0.1:PORT" of its local end). False, with errno
// set, when the socket cannot be made or the connect fails at once.
inline bool connect_user_tcp(User& user, std::uint16_t port) {
    user.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (user.fd < 0) return false;
    const int one = 1;
    ::setsockopt(user.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(user.fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 && errno != EINPROGRESS)
        return false;
    sockaddr_in local{};
    socklen_t length = sizeof local;
    ::getsockname(user.fd, reinterpret_cast<sockaddr*>(&local), &length);
    user.key = fmt::format("tcp 127.0.0.1:{}", ntohs(local.sin_port));
    return true;
}

// Connects users[i] to 127.0.0.1:port, at most `in_flight` calls waiting
// for their prompt at once. 0, or -1 when a socket cannot be made.
inline int open_users_tcp(std::vector<std::unique_ptr<User>>& users, Clients& clients, std::uint16_t port,
                   std::size_t in_flight, clock::time_point deadline) {
    for (std::size_t i = 0; i < users.size() && clock::now() < deadline; ++i) {
        while (i - clients.prompted.load() - clients.failed.load() >= in_flight && clock::now() < deadline)
            std::this_thread::sleep_for(100us);
        User& user = *users[i];
        if (!connect_user_tcp(user, port)) return -1;
        clients.add(user, i);
    }
    return 0;
}


}  // namespace bench::scale
