// Sections 2 and 3: receive latency and throughput through a real host.
//
// The DLL is a fake linked into the bench: its Begin only records the
// HPORT and buffers, and the bench thread then plays the DLL's worker,
// calling RasSecurityDialogReceive / Send and waiting on its event, exactly
// as a DLL thread would. The remote user is the bench too (a pty slave, a
// TCP client, the loopback's remote end).
//
// Baselines, same process, same run: a reader thread doing poll()+read()
// on a raw pty (or TCP) pair and waking the bench thread with a raw futex -
// the same two thread hand-offs as the host's io thread and the DLL's
// event; for the in-memory loopback, a raw futex round trip (two hand-offs,
// no I/O). Throughput: raw write()/read() on a raw pty pair with the same
// chunk sizes and the same flow-control window.
#include "common.hpp"
#include "raw_futex.hpp"

#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>
#include <rasshost/loopback.hpp>
#include <rasshost/remote_ends.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
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

namespace bench {
namespace {

using namespace std::chrono_literals;

// ---- the fake DLL ----

struct BeginCall {
    HPORT port = nullptr;
    PBYTE send_buffer = nullptr;
    DWORD send_size = 0;
    PBYTE receive_buffer = nullptr;
    DWORD receive_size = 0;
};

struct FakeDll {
    static std::mutex& mutex() {
        static std::mutex m;
        return m;
    }
    static std::condition_variable& changed() {
        static std::condition_variable c;
        return c;
    }
    static std::deque<BeginCall>& begun() {
        static std::deque<BeginCall> d;
        return d;
    }
    static DWORD WINAPI begin(HPORT port, PBYTE send, DWORD send_size, PBYTE receive, DWORD receive_size,
                              RASSHOST_PFN_COMPLETE) {
        std::lock_guard lock(mutex());
        begun().push_back({port, send, send_size, receive, receive_size});
        changed().notify_all();
        return NO_ERROR;
    }
    static DWORD WINAPI end(HPORT) { return ERROR_PORT_DISCONNECTED; }
    static BeginCall wait_begin() {
        std::unique_lock lock(mutex());
        if (!changed().wait_for(lock, 10s, [] { return !begun().empty(); }))
            throw std::runtime_error("io bench: Begin was not called");
        auto call = begun().front();
        begun().pop_front();
        return call;
    }
};

// A host with the fake DLL on one io thread.
struct Rig {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    std::unique_ptr<rasshost::SecurityHost> host;
    std::thread thread;
    explicit Rig(rasshost::HostOptions options = {}) {
        host = std::make_unique<rasshost::SecurityHost>(io, rasshost::SecurityDll{&FakeDll::begin, &FakeDll::end},
                                                        std::move(options));
        thread = std::thread([this] { io.run(); });
    }
    ~Rig() {
        host->shutdown();
        host.reset();
        work.reset();
        io.stop();
        thread.join();
    }
};

// A connected line through the host: the remote end and the DLL's view.
struct Line {
    std::unique_ptr<rasshost::RemoteEnd> remote;
    BeginCall dll;
};

enum class Transport { pty, tcp, loopback };
const char* name_of(Transport t) { return t == Transport::pty ? "pty" : t == Transport::tcp ? "tcp" : "loopback"; }

Line connect(Rig& rig, Transport transport) {
    Line line;
    if (transport == Transport::pty) {
        auto listener = rasshost::open_pty_listener(rig.io, {});
        const std::string slave = listener->slave_path();
        rig.host->serve(std::move(listener), 1);
        line.remote = rasshost::connect_pty_remote(slave);
    } else if (transport == Transport::tcp) {
        auto listener = rasshost::open_tcp_listener(rig.io, {"127.0.0.1", 0});
        const auto port = listener->local_port();
        rig.host->serve(std::move(listener), 1);
        line.remote = rasshost::connect_tcp_remote("127.0.0.1", port);
    } else {
        auto pair = rasshost::make_loopback(rig.io.get_executor());
        line.remote = std::move(pair.remote_side);
        rig.host->start_dialog(std::move(pair.host_side));
    }
    line.dll = FakeDll::wait_begin();
    return line;
}

// ---- raw pairs for the baselines ----

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

// ---- receive latency ----

std::vector<double> host_receive_latency(Transport transport, std::size_t reps) {
    Rig rig;
    Line line = connect(rig, transport);
    const HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    std::vector<double> samples;
    const std::size_t warm = reps / 10 + 10;
    for (std::size_t i = 0; i < reps + warm; ++i) {
        WORD length = static_cast<WORD>(line.dll.receive_size);
        if (RasSecurityDialogReceive(line.dll.port, line.dll.receive_buffer, &length, 0, event) != PENDING)
            throw std::runtime_error("Receive did not pend");
        const std::byte byte{static_cast<unsigned char>('a' + i % 26)};
        const auto t0 = clock::now();
        line.remote->write({&byte, 1});
        if (WaitForSingleObject(event, 10000) != WAIT_OBJECT_0) throw std::runtime_error("receive timed out");
        const auto t1 = clock::now();
        if (length != 1 || line.dll.receive_buffer[0] != static_cast<BYTE>(byte))
            throw std::runtime_error("receive delivered the wrong byte");
        if (i >= warm) samples.push_back(nanoseconds_between(t0, t1) / 1e3);
    }
    line.remote->close();
    CloseHandle(event);
    return samples;
}

// A reader thread: poll()+read() on `fd`, then a futex wake of the bench thread.
std::vector<double> raw_receive_latency(bool tcp, std::size_t reps) {
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

// ---- throughput ----

constexpr std::size_t chunk = 1500;           // the host's default pSendBuf / pRecvBuf size
constexpr std::size_t window = 512 * 1024;    // remote input in flight (the host queues up to 1 MiB here)

// MB/s of bulk DLL Send through the host to a pty remote.
double host_send_throughput(std::size_t total) {
    Rig rig;
    Line line = connect(rig, Transport::pty);
    std::memset(line.dll.send_buffer, 'S', chunk);
    std::atomic<std::size_t> received{0};
    std::thread reader([&] {
        std::vector<std::byte> buffer(65536);
        while (received.load() < total) {
            const auto n = line.remote->read_some(buffer, 10s);
            if (n == 0) break;
            received.fetch_add(n);
        }
    });
    const auto t0 = clock::now();
    for (std::size_t sent = 0; sent < total;) {
        const WORD n = static_cast<WORD>(std::min(chunk, total - sent));
        const DWORD r = RasSecurityDialogSend(line.dll.port, line.dll.send_buffer, n);
        if (r == PENDING) sent += n;
        else if (r == ERROR_NOT_ENOUGH_MEMORY) std::this_thread::sleep_for(20us);  // output queue full: back off
        else throw std::runtime_error("Send failed");
    }
    reader.join();
    const double seconds = seconds_since(t0);
    if (received.load() < total) throw std::runtime_error("send throughput: bytes lost");
    line.remote->close();
    return static_cast<double>(total) / seconds / 1e6;
}

// MB/s of bulk remote input through Receive (1500-byte capacity).
double host_receive_throughput(std::size_t total) {
    rasshost::HostOptions options;
    options.input_queue_limit = 1 << 20;
    std::atomic<std::uint64_t> dropped{0};
    options.on_outcome = [&](const rasshost::DialogOutcome& o) { dropped = o.bytes_dropped; };
    double mbps = 0;
    {
        Rig rig(options);
        Line line = connect(rig, Transport::pty);
        std::atomic<std::size_t> consumed{0};
        std::thread writer([&] {
            std::vector<std::byte> buffer(4096, std::byte{'R'});
            for (std::size_t written = 0; written < total;) {
                while (written - consumed.load() > window) std::this_thread::yield();
                const auto n = std::min(buffer.size(), total - written);
                line.remote->write({buffer.data(), n});
                written += n;
            }
        });
        const HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
        const auto t0 = clock::now();
        while (consumed.load() < total) {
            WORD length = static_cast<WORD>(chunk);
            if (RasSecurityDialogReceive(line.dll.port, line.dll.receive_buffer, &length, 10, event) != PENDING ||
                WaitForSingleObject(event, 20000) != WAIT_OBJECT_0 || length == 0)
                throw std::runtime_error("receive throughput: Receive failed");
            consumed.fetch_add(length);
        }
        mbps = static_cast<double>(total) / seconds_since(t0) / 1e6;
        writer.join();
        CloseHandle(event);
        line.remote->close();
    }
    if (dropped.load() != 0) throw std::runtime_error("receive throughput: input dropped");
    return mbps;
}

// Raw: writer thread writes `chunk`-byte pieces into one side of a raw pty,
// the bench thread reads the other with `chunk`-byte reads (poll+read).
double raw_pty_throughput(std::size_t total, bool host_to_remote) {
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
double raw_relay_throughput(std::size_t total) {
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

}  // namespace

void run_io(const Settings& settings, Report& report) {
    const std::size_t reps = settings.quick ? 2000 : 10000;
    const std::size_t rounds = settings.quick ? 2 : 4;

    // Receive latency, interleaved host / raw rounds.
    for (Transport t : {Transport::pty, Transport::tcp, Transport::loopback}) {
        std::vector<double> host, raw, asio_floor;
        for (std::size_t r = 0; r < rounds; ++r) {
            auto h = host_receive_latency(t, reps / rounds);
            auto b = t == Transport::loopback ? futex_round_trip(reps / rounds)
                                              : raw_receive_latency(t == Transport::tcp, reps / rounds);
            host.insert(host.end(), h.begin(), h.end());
            raw.insert(raw.end(), b.begin(), b.end());
            if (t == Transport::loopback) {
                auto a = asio_post_round_trip(reps / rounds);
                asio_floor.insert(asio_floor.end(), a.begin(), a.end());
            }
        }
        const Summary hs = summarize(host), bs = summarize(raw);
        const std::string base = t == Transport::loopback ? "futex round trip" : "raw poll+read thread";
        const std::string prefix = std::string("receive.latency.") + name_of(t);
        Figure p50{prefix + ".p50", hs.p50, "us", base, bs.p50, "<=1.2x raw"};
        p50.met = p50.ratio() <= 1.2;
        report.add(p50);
        report.add({prefix + ".p99", hs.p99, "us", base, bs.p99});
        if (!asio_floor.empty())
            report.add({prefix + ".p50 [vs asio post]", hs.p50, "us", "asio post round trip", summarize(asio_floor).p50});
    }
    report.add({"receive.latency.pty.same_thread_floor.p50", summarize(same_thread_pty(reps / 2)).p50, "us"});

    // Throughput, interleaved.
    const std::size_t total = settings.quick ? (8u << 20) : (64u << 20);
    std::vector<double> send, raw_send, receive, raw_receive, raw_relay;
    for (std::size_t r = 0; r < (settings.quick ? 1u : 3u); ++r) {
        send.push_back(host_send_throughput(total));
        raw_send.push_back(raw_pty_throughput(total, true));
        receive.push_back(host_receive_throughput(total / 2));
        raw_receive.push_back(raw_pty_throughput(total / 2, false));
        raw_relay.push_back(raw_relay_throughput(total / 2));
    }
    Figure s{"throughput.send.pty", summarize(send).p50, "MB/s", "raw write/read pty", summarize(raw_send).p50,
             ">=0.9x raw"};
    s.met = s.ratio() >= 0.9;
    report.add(s);
    Figure r{"throughput.receive.pty", summarize(receive).p50, "MB/s", "raw write/read pty",
             summarize(raw_receive).p50, ">=0.9x raw"};
    r.met = r.ratio() >= 0.9;
    report.add(r);
    report.add({"throughput.receive.pty [vs raw relay]", summarize(receive).p50, "MB/s",
                "raw 3-thread relay pty", summarize(raw_relay).p50});
}

}  // namespace bench
