// Section 4: scale. N concurrent dialogs on one host, each a full password
// dialog with a real security DLL loaded from its file (libbench_password.so:
// "Password: ", a line, "secret" succeeds), driven by scripted remote users.
//
// The remote users are many nonblocking fds served by two client threads
// with epoll (not a thread per user); the bench's main thread opens the
// lines and types the answers. One run for a given N:
//  1. connect: all N users call (pty: the remote opens the slave of a pty
//     listener; tcp: connects to one listener) and wait at the prompt. At
//     most `in_flight` calls are unanswered by a prompt at once (pty: that
//     also bounds the listeners' inotify instances, 128 per user by default).
//  2. idle: all N dialogs are open at once, waiting for input. Memory per
//     idle dialog = RSS delta / N; threads = /proc/self/task.
//  3. probe: K users answer one at a time while the others stay open;
//     latency = answer written -> the host reports the outcome. Compared
//     with the same latency of a dialog alone on the host ("single").
//  4. burst: every other user answers at once; dialogs per second and the
//     burst latencies (queueing included).
// Sizes whose round probes fewer than 200 users (N < 400) run more rounds
// of N fresh users on the same host, as a host serving call after call
// would, until 200 probes are pooled: the p99 compared with the single
// dialog's is then a p99 of 200 on a warm host in both. (Running each round
// on a fresh host measured start-up effects instead: pages touched for the
// first time, the DLL's first worker, lazy binding; section 5 measures
// start-up.)
// CPU per dialog: the process's CPU time over the run minus the client
// threads' and the main thread's own, divided by N.
#include "common.hpp"
#include "scale_client.hpp"
#include "scale_users.hpp"

#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <fmt/format.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <unordered_map>

#include <fcntl.h>
#include <unistd.h>

namespace bench {
namespace {

using namespace scale;

enum class Transport { pty, tcp };

struct Outcomes {
    std::mutex mutex;
    std::condition_variable changed;
    std::unordered_map<std::string, std::pair<clock::time_point, bool>> by_device;
    std::size_t count = 0;
    void add(const rasshost::DialogOutcome& o) {
        const auto now = clock::now();
        std::lock_guard lock(mutex);
        by_device[o.device] = {now, o.verdict == rasshost::Verdict::success};
        ++count;
        changed.notify_all();
    }
    bool wait_count(std::size_t n, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, timeout, [&] { return count >= n; });
    }
    bool wait_device(const std::string& key, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, timeout, [&] { return by_device.count(key) != 0; });
    }
};

struct Result {
    std::size_t n = 0, rounds = 1, failures = 0, not_prompted = 0, no_outcome = 0;
    double connect_seconds = 0;
    bool remote_in_child = false;
    std::vector<double> probe;  // latencies, us (summarized where they are reported)
    Summary burst;
    double dialogs_per_second = 0;
    double memory_per_idle_kib = 0;
    std::size_t host_threads_idle = 0, host_threads_busy = 0, dll_threads = 0;
    double cpu_us_per_dialog = 0;
};

struct DllControl {
    HMODULE module = nullptr;
    DWORD (*workers)() = nullptr;
    void (*shutdown)() = nullptr;
};

// sequential: the N users call one after another, each alone on the host
// (connect, prompt, answer, outcome), and every one is a probe.
// Until `probes` probes are pooled, the N users call again, round after
// round on the same host (a round probes only N/2 of them): the probe
// latencies of every round are pooled and the failures summed; the other
// figures are the first round's.
Result run_one(const Settings& settings, const DllControl& dll, Transport transport, std::size_t n, std::size_t probes,
               bool sequential = false) {
    raise_fd_limit(2 * n + 4096);
    Result result;
    result.n = n;
    Clients clients(2);
    Outcomes outcomes;
    const std::size_t per_round = std::max<std::size_t>(1, std::min(probes, n / 2));  // users probed in a round
    const std::size_t rounds = sequential ? 1 : (probes + per_round - 1) / per_round;
    result.rounds = rounds;
    std::vector<std::unique_ptr<User>> all_users;  // every round's (the client threads hold pointers to them)
    all_users.reserve(n * rounds);

    const std::size_t threads_before = thread_count();
    const double main_cpu0 = thread_cpu_seconds();
    const double process_cpu0 = process_cpu_seconds();

    asio::io_context io;
    auto work = asio::make_work_guard(io);
    rasshost::HostOptions options;
    options.on_outcome = [&](const rasshost::DialogOutcome& o) { outcomes.add(o); };
    options.flush_timeout = 5s;
    std::atomic<int> logged{0};
    options.on_log = [&](rasshost::LogLevel level, std::string_view line) {
        if (level >= rasshost::LogLevel::warning && logged.fetch_add(1) < 20)
            fmt::print(stderr, "scale: host log: {}\n", line);
    };
    auto host = std::make_unique<rasshost::SecurityHost>(io, std::filesystem::path(settings.dll_path), options);
    std::thread io_thread([&] { io.run(); });
    std::unique_ptr<rasshost::TcpListener> tcp_listener;
    std::uint16_t tcp_port = 0;
    if (transport == Transport::tcp) {
        auto listener = rasshost::open_tcp_listener(io, {"127.0.0.1", 0});
        tcp_port = listener->local_port();
        host->serve(std::move(listener), n * rounds);
    }
    std::this_thread::sleep_for(20ms);  // let the threads start
    const std::size_t host_threads = thread_count() - threads_before;  // io thread + the host's own
    const std::size_t rss0 = rss_bytes();
    // 2. idle (every dialog open at once): memory per idle dialog, threads.
    const auto measure_idle = [&](Result& r) {
        std::this_thread::sleep_for(50ms);
        r.memory_per_idle_kib = (static_cast<double>(rss_bytes()) - static_cast<double>(rss0)) / 1024.0 / static_cast<double>(n);
        r.dll_threads = dll.workers ? dll.workers() : 0;
        r.host_threads_idle = host_threads;
        r.host_threads_busy = thread_count() - threads_before - r.dll_threads;
    };

    if (transport == Transport::tcp && 2 * n + 1024 > raise_fd_limit(2 * n + 4096)) {
        if (rounds != 1) throw std::logic_error("scale: a size served from a child process runs one round");
        // Too many fds for one process: the users go to a child process.
        Result child_result;
        child_result.n = n;
        ChildRun run = run_child_users(tcp_port, n, std::min(probes, n / 2), [&] { measure_idle(child_result); });
        outcomes.wait_count(n, 30s);
        std::size_t successes = 0;
        {
            std::lock_guard lock(outcomes.mutex);
            for (auto& [device, outcome] : outcomes.by_device) successes += outcome.second ? 1 : 0;
        }
        child_result.failures = n - successes;
        child_result.not_prompted = n - run.prompted;
        child_result.no_outcome = n - outcomes.by_device.size();
        child_result.connect_seconds = run.connect_seconds;
        if (run.probe.size() > 1) run.probe.erase(run.probe.begin());  // the warm-up, as below
        child_result.probe = std::move(run.probe);
        child_result.burst = summarize(run.burst);
        double longest = 0;
        for (double v : run.burst) longest = std::max(longest, v);
        child_result.dialogs_per_second = longest > 0 ? static_cast<double>(run.burst.size()) / (longest / 1e6) : 0;
        child_result.remote_in_child = true;
        host->shutdown();
        host.reset();
        work.reset();
        io.stop();
        io_thread.join();
        const double process_cpu = process_cpu_seconds() - process_cpu0 - (thread_cpu_seconds() - main_cpu0);
        child_result.cpu_us_per_dialog = process_cpu * 1e6 / static_cast<double>(n);
        if (dll.shutdown) dll.shutdown();
        return child_result;
    }
    std::vector<double> probe;
    for (std::size_t round = 0; round < rounds; ++round) {
        const bool first = round == 0;  // the round whose memory, threads and burst are reported
        const std::size_t before = round * n;  // calls of the earlier rounds (the counters add up)
        std::vector<User*> users;
        for (std::size_t i = 0; i < n; ++i) users.push_back(all_users.emplace_back(std::make_unique<User>()).get());
        {
            std::lock_guard lock(outcomes.mutex);
            outcomes.by_device.clear();  // device names (pty numbers) come back in later rounds
        }
        // 1. connect
        const std::size_t in_flight = transport == Transport::pty ? 32 : 512;
        const auto deadline = clock::now() + 120s;
        const auto answered_by_now = [&] { return clients.prompted.load() + clients.failed.load() - before; };
        for (std::size_t i = 0; i < n && clock::now() < deadline; ++i) {
            while (i - answered_by_now() >= in_flight && clock::now() < deadline) std::this_thread::sleep_for(100us);
            User& user = *users[i];
            if (transport == Transport::pty) {
                auto listener = rasshost::open_pty_listener(io, {});
                const std::string slave = listener->slave_path();
                host->serve(std::move(listener), 1);
                user.fd = ::open(slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
                if (user.fd < 0) throw std::runtime_error("open " + slave);
                make_raw(user.fd);
                user.key = "pty " + slave;
            } else {
                if (!connect_user_tcp(user, tcp_port))
                    throw std::runtime_error(fmt::format("connect: {}", std::strerror(errno)));
            }
            clients.add(user, i);
            if (!sequential) continue;
            while (user.state.load() == 0 && clock::now() < deadline) std::this_thread::sleep_for(20us);
            user.answered = clock::now();
            if (user.state.load() != 1 || ::write(user.fd, the_answer, sizeof the_answer - 1) != sizeof the_answer - 1)
                continue;
            if (!outcomes.wait_device(user.key, 10s)) continue;
            std::lock_guard lock(outcomes.mutex);
            probe.push_back(nanoseconds_between(user.answered, outcomes.by_device[user.key].first) / 1e3);
        }
        while (answered_by_now() < n && clock::now() < deadline) std::this_thread::sleep_for(1ms);
        if (first) result.connect_seconds = seconds_since(deadline - 120s);

        // 2. idle
        if (first) measure_idle(result);

        // 3. probe, one at a time
        std::vector<User*> ready;
        for (User* u : users)
            if (u->state.load() == 1) ready.push_back(u);
        const std::size_t k = std::min(per_round, ready.size());
        for (std::size_t i = 0; i < k; ++i) {
            User& user = *ready[i];
            user.answered = clock::now();
            if (::write(user.fd, the_answer, sizeof the_answer - 1) != sizeof the_answer - 1) continue;
            if (!outcomes.wait_device(user.key, 10s)) continue;
            std::lock_guard lock(outcomes.mutex);
            probe.push_back(nanoseconds_between(user.answered, outcomes.by_device[user.key].first) / 1e3);
        }
        // The first dialog to finish on a fresh host pays one-time costs (the
        // DLL's lazy symbol binding, first-touched pages): a warm-up, not a probe.
        if (first && probe.size() > 1) probe.erase(probe.begin());

        // 4. burst
        const auto burst_start = clock::now();
        for (std::size_t i = k; i < ready.size(); ++i) {
            User& user = *ready[i];
            user.answered = clock::now();
            if (::write(user.fd, the_answer, sizeof the_answer - 1) != sizeof the_answer - 1) continue;
        }
        outcomes.wait_count(before + n, 120s);
        const double burst_seconds = seconds_since(burst_start);
        std::vector<double> burst;
        std::size_t successes = 0;
        {
            std::lock_guard lock(outcomes.mutex);
            for (User* u : users) {
                auto it = outcomes.by_device.find(u->key);
                successes += it != outcomes.by_device.end() && it->second.second ? 1 : 0;
                result.no_outcome += it == outcomes.by_device.end() ? 1 : 0;
            }
            for (std::size_t i = k; i < ready.size(); ++i) {
                auto it = outcomes.by_device.find(ready[i]->key);
                if (it != outcomes.by_device.end())
                    burst.push_back(nanoseconds_between(ready[i]->answered, it->second.first) / 1e3);
            }
        }
        result.failures += n - successes;
        if (first) {
            result.burst = summarize(burst);
            result.dialogs_per_second = ready.size() > k ? static_cast<double>(ready.size() - k) / burst_seconds : 0;
        }
        if (round + 1 < rounds) {
            // The host hangs up each finished line; once the client threads
            // have seen every hang-up they no longer touch these fds.
            const auto gone_by = clock::now() + 10s;
            while (clients.hung_up.load() < before + n && clock::now() < gone_by) std::this_thread::sleep_for(1ms);
            for (User* u : users) ::close(std::exchange(u->fd, -1));
        }
    }
    result.not_prompted = n * rounds - clients.prompted.load();
    result.probe = std::move(probe);

    host->shutdown();
    host.reset();
    work.reset();
    io.stop();
    io_thread.join();
    for (auto& u : all_users)
        if (u->fd >= 0) ::close(u->fd);
    clients.stop();  // joins the client threads, which report their CPU time
    const double client_cpu = clients.cpu_seconds();
    const double main_cpu = thread_cpu_seconds() - main_cpu0;
    const double process_cpu = process_cpu_seconds() - process_cpu0;
    if (dll.shutdown) dll.shutdown();  // join the DLL's workers (the bench holds the module)
    result.cpu_us_per_dialog = (process_cpu - main_cpu - client_cpu) * 1e6 / static_cast<double>(n * rounds);
    return result;
}

}  // namespace

void run_scale(const Settings& settings, Report& report) {
    DllControl dll;
    dll.module = LoadLibraryA(settings.dll_path.c_str());  // held: the host loads and unloads it per run
    if (dll.module == nullptr) throw std::runtime_error("cannot load the bench DLL " + settings.dll_path);
    dll.workers = reinterpret_cast<DWORD (*)()>(reinterpret_cast<void*>(GetProcAddress(dll.module, "BenchPasswordWorkers")));
    dll.shutdown = reinterpret_cast<void (*)()>(reinterpret_cast<void*>(GetProcAddress(dll.module, "BenchPasswordShutdown")));

    const std::size_t limit = raise_fd_limit(settings.quick ? 8192 : 24576);
    fmt::print("scale: RLIMIT_NOFILE raised to {}\n", limit);

    struct Plan {
        Transport transport;
        std::vector<std::size_t> sizes;
    };
    std::vector<Plan> plans = settings.quick
                                        ? std::vector<Plan>{{Transport::pty, {10, 100}}, {Transport::tcp, {10, 100, 1000}}}
                                        : std::vector<Plan>{{Transport::pty, {10, 100, 1000}},
                                                            {Transport::tcp, {10, 100, 1000, 10000}}};
    // RASSHOST_BENCH_SCALE=tcp:10000 (or pty:N) runs that one size only.
    if (const char* only = std::getenv("RASSHOST_BENCH_SCALE"); only && std::strchr(only, ':')) {
        const std::string spec = only;
        const auto colon = spec.find(':');
        plans = {{spec.substr(0, colon) == "pty" ? Transport::pty : Transport::tcp,
                  {static_cast<std::size_t>(std::stoul(spec.substr(colon + 1)))}}};
    }
    const std::size_t probes = settings.quick ? 30 : 200;
    for (const auto& plan : plans) {
        const char* t = plan.transport == Transport::pty ? "pty" : "tcp";
        // A dialog alone on the host: `probes` dialogs one after another, same host.
        const Summary single = summarize(run_one(settings, dll, plan.transport, probes, probes, true).probe);
        report.add({fmt::format("scale.{}.single.latency.p50", t), single.p50, "us"});
        report.add({fmt::format("scale.{}.single.latency.p99", t), single.p99, "us"});
        for (std::size_t n : plan.sizes) {
            const auto r = run_one(settings, dll, plan.transport, n, probes);
            const Summary probe = summarize(r.probe);
            const std::string p = fmt::format("scale.{}.n{}", t, n);
            if (r.rounds > 1) report.add({p + ".rounds", static_cast<double>(r.rounds), "rounds"});
            Figure failures{p + ".failures", static_cast<double>(r.failures), "dialogs", "", 0, "0"};
            failures.met = r.failures == 0;
            report.add(failures);
            if (r.failures)
                fmt::print("{}: {} users never saw the prompt, {} dialogs without an outcome\n", p, r.not_prompted,
                           r.no_outcome);
            if (r.remote_in_child)
                fmt::print("{}: remote users in a child process (fd limit); latency = answer -> hang-up seen\n", p);
            report.add({p + ".connect_phase", r.connect_seconds, "s"});
            report.add({p + ".dialogs_per_s", r.dialogs_per_second, "1/s"});
            report.add({p + ".probe.latency.p50", probe.p50, "us", "single dialog p50", single.p50});
            Figure p99{p + ".probe.latency.p99", probe.p99, "us", "single dialog p99", single.p99, "<=2x single"};
            p99.met = p99.ratio() <= 2;
            report.add(p99);
            report.add({p + ".burst.latency.p50", r.burst.p50, "us", "single dialog p50", single.p50});
            report.add({p + ".burst.latency.p99", r.burst.p99, "us", "single dialog p99", single.p99});
            Figure threads{p + ".host_threads", static_cast<double>(r.host_threads_busy), "threads",
                           "host threads, 0 dialogs", static_cast<double>(r.host_threads_idle), "fixed"};
            threads.met = r.host_threads_busy == r.host_threads_idle;
            report.add(threads);
            report.add({p + ".dll_threads", static_cast<double>(r.dll_threads), "threads"});
            Figure memory{p + ".memory_per_idle_dialog", r.memory_per_idle_kib, "KiB", "", 0, "<=16 KiB"};
            memory.met = r.memory_per_idle_kib <= 16;
            report.add(memory);
            report.add({p + ".cpu_per_dialog", r.cpu_us_per_dialog, "us"});
        }
    }
    if (dll.shutdown) dll.shutdown();
    FreeLibrary(dll.module);
}

}  // namespace bench
