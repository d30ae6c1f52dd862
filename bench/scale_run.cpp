// One run of the scale benchmark: the phases of scale.cpp's header, each a
// method of ScaleRun.
#include "scale_run.hpp"

#include "scale_client.hpp"
#include "scale_users.hpp"

#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <fmt/format.h>

#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include <fcntl.h>
#include <unistd.h>

namespace bench::scale {
namespace {

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

class ScaleRun {
public:
    ScaleRun(const DllControl& dll, Transport transport, std::size_t n, std::size_t probes, bool sequential)
        : dll_(dll), transport_(transport), n_(n), probes_(probes), sequential_(sequential),
          per_round_(std::max<std::size_t>(1, std::min(probes, n / 2))),
          rounds_(sequential ? 1 : (probes + per_round_ - 1) / per_round_) {
        result_.n = n;
        result_.rounds = rounds_;
        all_users_.reserve(n * rounds_);
        threads_before_ = thread_count();
        main_cpu0_ = thread_cpu_seconds();
        process_cpu0_ = process_cpu_seconds();
    }

    ~ScaleRun() {
        if (!io_thread_.joinable()) return;  // a phase threw: the host still runs
        work_.reset();
        io_.stop();
        io_thread_.join();
    }
    ScaleRun(const ScaleRun&) = delete;
    ScaleRun& operator=(const ScaleRun&) = delete;

    Result run(const Settings& settings) {
        start_host(settings);
        if (transport_ == Transport::tcp && 2 * n_ + 1024 > raise_fd_limit(2 * n_ + 4096)) return run_users_in_child();
        for (std::size_t round = 0; round < rounds_; ++round) run_round(round);
        result_.not_prompted = n_ * rounds_ - clients_.prompted.load();
        result_.probe = std::move(probe_);
        stop_host();
        for (auto& u : all_users_)
            if (u->fd >= 0) ::close(u->fd);
        clients_.stop();  // joins the client threads, which report their CPU time
        const double client_cpu = clients_.cpu_seconds();
        const double main_cpu = thread_cpu_seconds() - main_cpu0_;
        const double process_cpu = process_cpu_seconds() - process_cpu0_;
        if (dll_.shutdown) dll_.shutdown();  // join the DLL's workers (the bench holds the module)
        result_.cpu_us_per_dialog =
            (process_cpu - main_cpu - client_cpu) * 1e6 / static_cast<double>(n_ * rounds_);
        return std::move(result_);
    }

private:
    void start_host(const Settings& settings);
    void stop_host();
    void measure_idle(Result& r);  // 2. idle: every dialog open at once
    Result run_users_in_child();
    void run_round(std::size_t round);
    void connect_users(const std::vector<User*>& users, std::size_t before);  // 1. connect
    void open_line(User& user);
    bool answer(User& user);
    void record_probe(const User& user);
    std::size_t probe_one_at_a_time(const std::vector<User*>& ready);  // 3. probe
    void burst(const std::vector<User*>& users, const std::vector<User*>& ready, std::size_t k,
               std::size_t before, bool first);  // 4. burst

    const DllControl& dll_;
    Transport transport_;
    std::size_t n_;
    std::size_t probes_;
    bool sequential_;
    std::size_t per_round_;  // users probed in a round
    std::size_t rounds_;
    Result result_;
    Clients clients_{2};
    Outcomes outcomes_;
    std::vector<std::unique_ptr<User>> all_users_;  // every round's (the client threads hold pointers to them)
    std::vector<double> probe_;
    std::size_t threads_before_ = 0;
    double main_cpu0_ = 0;
    double process_cpu0_ = 0;
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
    std::unique_ptr<rasshost::SecurityHost> host_;
    std::thread io_thread_;
    std::uint16_t tcp_port_ = 0;
    std::size_t host_threads_ = 0;
    std::size_t rss0_ = 0;
    std::atomic<int> logged_{0};
};

void ScaleRun::start_host(const Settings& settings) {
    rasshost::HostOptions options;
    options.on_outcome = [this](const rasshost::DialogOutcome& o) { outcomes_.add(o); };
    options.flush_timeout = 5s;
    options.on_log = [this](rasshost::LogLevel level, std::string_view line) {
        if (level >= rasshost::LogLevel::warning && logged_.fetch_add(1) < 20)
            fmt::print(stderr, "scale: host log: {}\n", line);
    };
    host_ = std::make_unique<rasshost::SecurityHost>(io_, std::filesystem::path(settings.dll_path), options);
    io_thread_ = std::thread([this] { io_.run(); });
    if (transport_ == Transport::tcp) {
        auto listener = rasshost::open_tcp_listener(io_, {"127.0.0.1", 0});
        tcp_port_ = listener->local_port();
        host_->serve(std::move(listener), n_ * rounds_);
    }
    std::this_thread::sleep_for(20ms);  // let the threads start
    host_threads_ = thread_count() - threads_before_;  // io thread + the host's own
    rss0_ = rss_bytes();
}

void ScaleRun::stop_host() {
    host_->shutdown();
    host_.reset();
    work_.reset();
    io_.stop();
    io_thread_.join();
}

void ScaleRun::measure_idle(Result& r) {
    std::this_thread::sleep_for(50ms);
    r.memory_per_idle_kib =
        (static_cast<double>(rss_bytes()) - static_cast<double>(rss0_)) / 1024.0 / static_cast<double>(n_);
    r.dll_threads = dll_.workers ? dll_.workers() : 0;
    r.host_threads_idle = host_threads_;
    r.host_threads_busy = thread_count() - threads_before_ - r.dll_threads;
}

// Too many fds for one process: the users go to a child process.
Result ScaleRun::run_users_in_child() {
    if (rounds_ != 1) throw std::logic_error("scale: a size served from a child process runs one round");
    Result r;
    r.n = n_;
    ChildRun run = run_child_users(tcp_port_, n_, std::min(probes_, n_ / 2), [&] { measure_idle(r); });
    outcomes_.wait_count(n_, 30s);
    std::size_t successes = 0;
    {
        std::lock_guard lock(outcomes_.mutex);
        for (auto& [device, outcome] : outcomes_.by_device) successes += outcome.second ? 1 : 0;
    }
    r.failures = n_ - successes;
    r.not_prompted = n_ - run.prompted;
    r.no_outcome = n_ - outcomes_.by_device.size();
    r.connect_seconds = run.connect_seconds;
    if (run.probe.size() > 1) run.probe.erase(run.probe.begin());  // the warm-up, as in run_round
    r.probe = std::move(run.probe);
    r.burst = summarize(run.burst);
    double longest = 0;
    for (double v : run.burst) longest = std::max(longest, v);
    r.dialogs_per_second = longest > 0 ? static_cast<double>(run.burst.size()) / (longest / 1e6) : 0;
    r.remote_in_child = true;
    stop_host();
    const double process_cpu = process_cpu_seconds() - process_cpu0_ - (thread_cpu_seconds() - main_cpu0_);
    r.cpu_us_per_dialog = process_cpu * 1e6 / static_cast<double>(n_);
    if (dll_.shutdown) dll_.shutdown();
    return r;
}

void ScaleRun::run_round(std::size_t round) {
    const bool first = round == 0;         // the round whose memory, threads and burst are reported
    const std::size_t before = round * n_;  // calls of the earlier rounds (the counters add up)
    std::vector<User*> users;
    for (std::size_t i = 0; i < n_; ++i) users.push_back(all_users_.emplace_back(std::make_unique<User>()).get());
    {
        std::lock_guard lock(outcomes_.mutex);
        outcomes_.by_device.clear();  // device names (pty numbers) come back in later rounds
    }
    const auto started = clock::now();
    connect_users(users, before);
    if (first) result_.connect_seconds = seconds_since(started);
    if (first) measure_idle(result_);
    std::vector<User*> ready;
    for (User* u : users)
        if (u->state.load() == 1) ready.push_back(u);
    const std::size_t k = probe_one_at_a_time(ready);
    // The first dialog to finish on a fresh host pays one-time costs (the
    // DLL's lazy symbol binding, first-touched pages): a warm-up, not a probe.
    if (first && probe_.size() > 1) probe_.erase(probe_.begin());
    burst(users, ready, k, before, first);
    if (round + 1 < rounds_) {
        // The host hangs up each finished line; once the client threads
        // have seen every hang-up they no longer touch these fds.
        const auto gone_by = clock::now() + 10s;
        while (clients_.hung_up.load() < before + n_ && clock::now() < gone_by) std::this_thread::sleep_for(1ms);
        for (User* u : users) ::close(std::exchange(u->fd, -1));
    }
}

// At most `in_flight` calls are unanswered by a prompt at once; sequential
// users answer at once, alone on the host, and are probes.
void ScaleRun::connect_users(const std::vector<User*>& users, std::size_t before) {
    const std::size_t in_flight = transport_ == Transport::pty ? 32 : 512;
    const auto deadline = clock::now() + 120s;
    const auto answered_by_now = [&] { return clients_.prompted.load() + clients_.failed.load() - before; };
    for (std::size_t i = 0; i < n_ && clock::now() < deadline; ++i) {
        while (i - answered_by_now() >= in_flight && clock::now() < deadline) std::this_thread::sleep_for(100us);
        User& user = *users[i];
        open_line(user);
        clients_.add(user, i);
        if (!sequential_) continue;
        while (user.state.load() == 0 && clock::now() < deadline) std::this_thread::sleep_for(20us);
        if (user.state.load() == 1 && answer(user)) record_probe(user);
    }
    while (answered_by_now() < n_ && clock::now() < deadline) std::this_thread::sleep_for(1ms);
}

void ScaleRun::open_line(User& user) {
    if (transport_ == Transport::tcp) {
        if (!connect_user_tcp(user, tcp_port_)) throw std::runtime_error(fmt::format("connect: {}", std::strerror(errno)));
        return;
    }
    auto listener = rasshost::open_pty_listener(io_, {});
    const std::string slave = listener->slave_path();
    host_->serve(std::move(listener), 1);
    user.fd = ::open(slave.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (user.fd < 0) throw std::runtime_error("open " + slave);
    make_raw(user.fd);
    user.key = "pty " + slave;
}

bool ScaleRun::answer(User& user) {
    user.answered = clock::now();
    return ::write(user.fd, the_answer, sizeof the_answer - 1) == sizeof the_answer - 1;
}

// Answer written -> the host reports the outcome, once it does.
void ScaleRun::record_probe(const User& user) {
    if (!outcomes_.wait_device(user.key, 10s)) return;
    std::lock_guard lock(outcomes_.mutex);
    probe_.push_back(nanoseconds_between(user.answered, outcomes_.by_device[user.key].first) / 1e3);
}

// The number of users probed (the first of `ready`).
std::size_t ScaleRun::probe_one_at_a_time(const std::vector<User*>& ready) {
    const std::size_t k = std::min(per_round_, ready.size());
    for (std::size_t i = 0; i < k; ++i)
        if (answer(*ready[i])) record_probe(*ready[i]);
    return k;
}

void ScaleRun::burst(const std::vector<User*>& users, const std::vector<User*>& ready, std::size_t k,
                     std::size_t before, bool first) {
    const auto burst_start = clock::now();
    for (std::size_t i = k; i < ready.size(); ++i) answer(*ready[i]);
    outcomes_.wait_count(before + n_, 120s);
    const double burst_seconds = seconds_since(burst_start);
    std::vector<double> latencies;
    std::size_t successes = 0;
    {
        std::lock_guard lock(outcomes_.mutex);
        for (User* u : users) {
            auto it = outcomes_.by_device.find(u->key);
            successes += it != outcomes_.by_device.end() && it->second.second ? 1 : 0;
            result_.no_outcome += it == outcomes_.by_device.end() ? 1 : 0;
        }
        for (std::size_t i = k; i < ready.size(); ++i) {
            auto it = outcomes_.by_device.find(ready[i]->key);
            if (it != outcomes_.by_device.end())
                latencies.push_back(nanoseconds_between(ready[i]->answered, it->second.first) / 1e3);
        }
    }
    result_.failures += n_ - successes;
    if (!first) return;
    result_.burst = summarize(latencies);
    result_.dialogs_per_second = ready.size() > k ? static_cast<double>(ready.size() - k) / burst_seconds : 0;
}

}  // namespace

Result run_one(const Settings& settings, const DllControl& dll, Transport transport, std::size_t n,
               std::size_t probes, bool sequential) {
    raise_fd_limit(2 * n + 4096);
    ScaleRun run(dll, transport, n, probes, sequential);
    return run.run(settings);
}

}  // namespace bench::scale
