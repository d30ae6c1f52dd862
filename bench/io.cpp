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
#include "io_raw.hpp"
#include "raw_futex.hpp"

#include <rasshost/connect_remote.hpp>
#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>
#include <rasshost/loopback.hpp>

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


// ---- throughput ----


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
}  // namespace

void run_io_latency(const Settings& settings, Report& report) {
    const std::size_t reps = settings.quick ? 2000 : 10000;
    const std::size_t rounds = settings.quick ? 2 : 4;

    // Receive latency, interleaved host / raw rounds.
    for (Transport t : {Transport::pty, Transport::tcp, Transport::loopback}) {
        std::vector<double> host, raw, asio_floor;
        for (std::size_t r = 0; r < rounds; ++r) {
            auto h = host_receive_latency(t, reps / rounds);
            auto b = t == Transport::loopback ? raw::futex_round_trip(reps / rounds)
                                              : raw::receive_latency(t == Transport::tcp, reps / rounds);
            host.insert(host.end(), h.begin(), h.end());
            raw.insert(raw.end(), b.begin(), b.end());
            if (t == Transport::loopback) {
                auto a = raw::asio_post_round_trip(reps / rounds);
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
    report.add({"receive.latency.pty.same_thread_floor.p50", summarize(raw::same_thread_pty(reps / 2)).p50, "us"});
}

void run_io_throughput(const Settings& settings, Report& report) {
    // Interleaved host / raw rounds.
    const std::size_t total = settings.quick ? (8u << 20) : (64u << 20);
    std::vector<double> send, raw_send, receive, raw_receive, raw_relay;
    // The process's CPU time (all its threads, user and system) per MB
    // received: steadier than MB/s on a shared machine, whose speed drifts.
    std::vector<double> receive_cpu, raw_receive_cpu, raw_relay_cpu;
    const double received_mb = static_cast<double>(total / 2) / 1e6;
    const auto timed = [&](std::vector<double>& mbps, std::vector<double>& cpu_ms_per_mb, auto run) {
        const double cpu0 = process_cpu_seconds();
        mbps.push_back(run());
        cpu_ms_per_mb.push_back((process_cpu_seconds() - cpu0) * 1e3 / received_mb);
    };
    for (std::size_t r = 0; r < (settings.quick ? 1u : 5u); ++r) {
        send.push_back(host_send_throughput(total));
        raw_send.push_back(raw::pty_throughput(total, true));
        timed(receive, receive_cpu, [&] { return host_receive_throughput(total / 2); });
        timed(raw_receive, raw_receive_cpu, [&] { return raw::pty_throughput(total / 2, false); });
        timed(raw_relay, raw_relay_cpu, [&] { return raw::relay_throughput(total / 2); });
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
    report.add({"throughput.receive.pty.cpu", summarize(receive_cpu).p50, "ms/MB", "raw write/read pty",
                summarize(raw_receive_cpu).p50});
    report.add({"throughput.receive.pty.cpu [vs raw relay]", summarize(receive_cpu).p50, "ms/MB",
                "raw 3-thread relay pty", summarize(raw_relay_cpu).p50});
}

}  // namespace bench
