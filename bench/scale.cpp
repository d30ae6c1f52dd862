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
#include "scale_run.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace bench {

using namespace scale;

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
