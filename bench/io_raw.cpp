// The raw baselines of sections 2 and 3 (io.cpp): the same work as the
// host's, done with bare fds, threads and futexes, in the same process and
// the same run.
#include "io_raw.hpp"

#include "common.hpp"
#include "raw_futex.hpp"

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

namespace bench::raw {
namespace {


struct FdPair {
    int host = -1;    // the side the host would own (pty master, accepted socket)
    int remote = -1;  // the remote user's side
    FdPair() = default;
    FdPair(const FdPair&) = delete;
    FdPair& operator=(const FdPair&) = delete;
    ~FdPair() {
        if (host >= 0) ::close(host);
        if (remote >= 0) ::close(remote);
    }
};

void make_raw(int fd) {
    termios t{};
    if (::tcgetattr(fd, &t) == 0) {
        ::cfmakeraw(&t);
        ::tcsetattr(fd, TCSANOW, &t);
    }
}

void raw_pty(FdPair& p) {
    p.host = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (p.host < 0 || ::grantpt(p.host) != 0 || ::unlockpt(p.host) != 0) throw std::runtime_error("posix_openpt");
    char name[128];
    ::ptsname_r(p.host, name, sizeof name);
    make_raw(p.host);
    p.remote = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (p.remote < 0) throw std::runtime_error("open pty slave");
    make_raw(p.remote);
}

void raw_tcp(FdPair& p) {
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener, 1) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("raw tcp listener");
    p.remote = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(p.remote, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        throw std::runtime_error("raw tcp connect");
    p.host = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    ::close(listener);
    const int one = 1;
    ::setsockopt(p.host, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(p.remote, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void write_all(int fd, const void* data, std::size_t n) {
    const auto* p = static_cast<const char*>(data);
    while (n > 0) {
        const auto k = ::write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) throw std::runtime_error("write");
        p += k;
        n -= static_cast<std::size_t>(k);
    }
}

}  // namespace

// A reader thread: poll()+read() on `fd`, then a futex wake of the bench thread.
std::vector<double> receive_latency(bool tcp, std::size_t reps) {
    FdPair pair;
    tcp ? raw_tcp(pair) : raw_pty(pair);
    FutexEvent got;
    std::atomic<int> last{-1};
    std::thread reader([&] {
        char buffer[1500];
        for (;;) {
            pollfd p{pair.host, POLLIN, 0};
            if (::poll(&p, 1, -1) < 0 && errno != EINTR) break;
            const auto n = ::read(pair.host, buffer, sizeof buffer);
            if (n <= 0 || buffer[n - 1] == '\0') break;
            last.store(buffer[n - 1], std::memory_order_relaxed);
            got.set();
        }
    });
    std::vector<double> samples;
    const std::size_t warm = reps / 10 + 10;
    for (std::size_t i = 0; i < reps + warm; ++i) {
        const char byte = static_cast<char>('a' + i % 26);
        const auto t0 = clock::now();
        write_all(pair.remote, &byte, 1);
        got.wait();
        const auto t1 = clock::now();
        if (last.load(std::memory_order_relaxed) != byte) throw std::runtime_error("raw read the wrong byte");
        if (i >= warm) samples.push_back(nanoseconds_between(t0, t1) / 1e3);
    }
    const char stop = '\0';
    write_all(pair.remote, &stop, 1);
    reader.join();
    return samples;
}

// The floor, for the record: write and poll()+read() in the same thread.
std::vector<double> same_thread_pty(std::size_t reps) {
    FdPair pair;
    raw_pty(pair);
    std::vector<double> samples;
    char buffer[1500];
    for (std::size_t i = 0; i < reps; ++i) {
        const char byte = 'x';
        const auto t0 = clock::now();
        write_all(pair.remote, &byte, 1);
        pollfd p{pair.host, POLLIN, 0};
        ::poll(&p, 1, -1);
        if (::read(pair.host, buffer, sizeof buffer) != 1) throw std::runtime_error("same-thread read");
        samples.push_back(nanoseconds_between(t0, clock::now()) / 1e3);
    }
    return samples;
}

// Two raw futex hand-offs (to another thread and back), no I/O.
std::vector<double> futex_round_trip(std::size_t reps) {
    FutexEvent there, back;
    std::atomic<int> byte{0};
    std::atomic<bool> stop{false};
    std::thread other([&] {
        for (;;) {
            there.wait();
            if (stop) break;
            byte.fetch_add(1, std::memory_order_relaxed);
            back.set();
        }
    });
    std::vector<double> samples;
    for (std::size_t i = 0; i < reps + 10; ++i) {
        const auto t0 = clock::now();
        there.set();
        back.wait();
        if (i >= 10) samples.push_back(nanoseconds_between(t0, clock::now()) / 1e3);
    }
    stop = true;
    there.set();
    other.join();
    return samples;
}

// The Asio floor of the in-memory loopback: the bench thread posts to an
// io_context thread, whose handler wakes the bench thread with a raw futex.
// The same two hand-offs as futex_round_trip, but the first goes through
// Asio's reactor (an eventfd write, an epoll_wait wake-up), as every
// loopback write to the host does.
std::vector<double> asio_post_round_trip(std::size_t reps) {
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    FutexEvent back;
    std::vector<double> samples;
    for (std::size_t i = 0; i < reps + 10; ++i) {
        const auto t0 = clock::now();
        asio::post(io, [&back] { back.set(); });
        back.wait();
        if (i >= 10) samples.push_back(nanoseconds_between(t0, clock::now()) / 1e3);
    }
    work.reset();
    runner.join();
    return samples;
}


// Writer thread writes `chunk`-byte pieces into one side of a raw pty,
// the bench thread reads the other with `chunk`-byte reads (poll+read).
double pty_throughput(std::size_t total, bool host_to_remote) {
    FdPair pair;
    raw_pty(pair);
    const int from = host_to_remote ? pair.host : pair.remote;
    const int to = host_to_remote ? pair.remote : pair.host;
    std::atomic<std::size_t> consumed{0};
    const std::size_t write_size = host_to_remote ? chunk : 4096;
    const std::size_t read_size = host_to_remote ? 65536 : chunk;
    std::thread writer([&] {
        std::vector<char> buffer(write_size, 'W');
        for (std::size_t written = 0; written < total;) {
            if (!host_to_remote)
                while (written - consumed.load() > window) std::this_thread::yield();
            const auto n = std::min(write_size, total - written);
            write_all(from, buffer.data(), n);
            written += n;
        }
    });
    std::vector<char> buffer(read_size);
    const auto t0 = clock::now();
    while (consumed.load() < total) {
        pollfd p{to, POLLIN, 0};
        ::poll(&p, 1, 10000);
        const auto n = ::read(to, buffer.data(), buffer.size());
        if (n <= 0) throw std::runtime_error("raw throughput read");
        consumed.fetch_add(static_cast<std::size_t>(n));
    }
    const double seconds = seconds_since(t0);
    writer.join();
    return static_cast<double>(total) / seconds / 1e6;
}

// Raw, with the API's thread model: the remote writes 4 KiB pieces into a
// raw pty; a relay thread (the host's io thread) poll+reads 4 KiB at a time
// into a bounded queue and wakes the consumer with a raw futex; the bench
// thread (the DLL's worker) takes up to `chunk` bytes at a time, sleeping
// on the futex when the queue is empty. Three threads and the same
// hand-off as the host, without the host: the floor of a Receive-based
// DLL on this machine.
double relay_throughput(std::size_t total) {
    FdPair pair;
    raw_pty(pair);
    std::atomic<std::size_t> consumed{0};
    std::thread writer([&] {
        std::vector<char> buffer(4096, 'W');
        for (std::size_t written = 0; written < total;) {
            while (written - consumed.load() > window) std::this_thread::yield();
            const auto n = std::min(buffer.size(), total - written);
            write_all(pair.remote, buffer.data(), n);
            written += n;
        }
    });
    std::mutex mutex;
    std::deque<char> queue;  // bounded by the writer's window
    FutexEvent ready;
    std::thread relay([&] {
        std::vector<char> buffer(4096);
        for (std::size_t relayed = 0; relayed < total;) {
            pollfd p{pair.host, POLLIN, 0};
            ::poll(&p, 1, 10000);
            const auto n = ::read(pair.host, buffer.data(), buffer.size());
            if (n <= 0) break;
            {
                std::lock_guard lock(mutex);
                queue.insert(queue.end(), buffer.data(), buffer.data() + n);
            }
            ready.set();
            relayed += static_cast<std::size_t>(n);
        }
    });
    std::vector<char> out(chunk);
    const auto t0 = clock::now();
    while (consumed.load() < total) {
        std::size_t n = 0;
        {
            std::lock_guard lock(mutex);
            n = std::min(out.size(), queue.size());
            std::copy_n(queue.begin(), n, out.begin());
            queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(n));
        }
        if (n == 0) {
            ready.wait();
            continue;
        }
        consumed.fetch_add(n);
    }
    const double seconds = seconds_since(t0);
    writer.join();
    relay.join();
    return static_cast<double>(total) / seconds / 1e6;
}


}  // namespace bench::raw
