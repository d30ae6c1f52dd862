// rasshost-bench: what every benchmark section shares - the run settings,
// the figures it reports, statistics over repetitions, and small helpers.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bench {

using clock = std::chrono::steady_clock;

inline double seconds_since(clock::time_point start) {
    return std::chrono::duration<double>(clock::now() - start).count();
}
inline double nanoseconds_between(clock::time_point a, clock::time_point b) {
    return std::chrono::duration<double, std::nano>(b - a).count();
}

/** What the command line asked for. */
struct Settings {
    bool quick = false;
    std::string only;        ///< run only sections whose name contains this ("" = all)
    std::string dll_path;    ///< the bench security DLL (libbench_password.so)
    std::string serve_path;  ///< rasshost-serve
    std::vector<std::string> wine_dlls;  ///< Windows DLL binaries for the wine section
    std::string wine_twin;               ///< the same DLL built for Linux
};

/** One line of the table and of the CSV. */
struct Figure {
    Figure(std::string name_, double value_, std::string unit_, std::string baseline_name_ = {}, double baseline_ = 0,
           std::string target_ = {})
        : name(std::move(name_)), value(value_), unit(std::move(unit_)), baseline_name(std::move(baseline_name_)),
          baseline(baseline_), target(std::move(target_)) {}
    std::string name;      ///< e.g. "events.pingpong.win32.p50"
    double value = 0;
    std::string unit;      ///< "us", "ns", "M/s", "MB/s", ...
    std::string baseline_name;  ///< what `baseline` measured ("" = none)
    double baseline = 0;
    std::string target;    ///< the target this figure is judged against, if any
    std::optional<bool> met;  ///< whether the target is met (empty: no target)
    /** value / baseline (0 when there is no baseline). */
    double ratio() const { return baseline > 0 ? value / baseline : 0; }
};

/** Collects the figures of a run. */
class Report {
public:
    Figure& add(Figure figure);
    const std::vector<Figure>& figures() const { return figures_; }
    void print_table() const;
    bool write_csv(const std::string& path) const;
    /** Prints one figure at once (progress while the run goes on). */
    static void print_row(const Figure& f);

private:
    std::vector<Figure> figures_;
};

/** Percentiles of a sample set (nearest-rank); empty input gives 0. */
struct Summary {
    double p50 = 0, p90 = 0, p99 = 0, mean = 0, min = 0, max = 0;
    std::size_t count = 0;
};
Summary summarize(std::vector<double> samples);

/** Runs `batch(k)` (k calls) `repetitions` times and returns the per-call
 *  time in ns for each repetition. */
template <class Batch>
std::vector<double> per_call_ns(Batch&& batch, std::size_t calls_per_batch, std::size_t repetitions) {
    std::vector<double> out;
    out.reserve(repetitions);
    batch(calls_per_batch / 10 + 1);  // warm-up
    for (std::size_t r = 0; r < repetitions; ++r) {
        const auto t0 = clock::now();
        batch(calls_per_batch);
        out.push_back(nanoseconds_between(t0, clock::now()) / static_cast<double>(calls_per_batch));
    }
    return out;
}

// Interleaves the implementations so a drifting machine biases none of them;
// returns the median of each one's repetitions.
template <std::size_t K>
std::array<double, K> interleaved_p50(std::size_t rounds, const std::array<std::function<double()>, K>& runs) {
    std::array<std::vector<double>, K> samples;
    for (std::size_t r = 0; r < rounds; ++r)
        for (std::size_t k = 0; k < K; ++k) samples[k].push_back(runs[k]());
    std::array<double, K> p50{};
    for (std::size_t k = 0; k < K; ++k) p50[k] = summarize(samples[k]).p50;
    return p50;
}

// The per-call ns of `body` repeated `calls` times (one batch).
template <class Body>
double loop_ns(std::size_t calls, Body body) {
    return per_call_ns([&](std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) body();
    }, calls, 1)[0];
}

/** Threads of this process now (/proc/self/task). */
std::size_t thread_count();
/** Resident set size of this process now, bytes (/proc/self/statm). */
std::size_t rss_bytes();
/** User+system CPU time of this process so far, seconds. */
double process_cpu_seconds();
/** User+system CPU time of the calling thread so far, seconds. */
double thread_cpu_seconds();
/** Raises RLIMIT_NOFILE to at least `wanted` (soft, and hard if allowed).
 *  Returns the soft limit now in force. */
std::size_t raise_fd_limit(std::size_t wanted);
/** Keeps the calling thread on one CPU (cpu modulo the CPUs there are;
 *  best effort, nothing on one CPU), and lets it run anywhere again. */
void pin_to_cpu(unsigned cpu);
void unpin();
/** The 1-minute load average now. */
double load_average();

// The sections; each adds its figures to the report.
void run_events(const Settings& settings, Report& report);
void run_mixed_waits(const Settings& settings, Report& report);
void run_named_objects(const Settings& settings, Report& report);
void run_registry(const Settings& settings, Report& report);
void run_text(const Settings& settings, Report& report);
void run_profile(const Settings& settings, Report& report);
void run_sync(const Settings& settings, Report& report);
void run_io_latency(const Settings& settings, Report& report);
void run_io_throughput(const Settings& settings, Report& report);
void run_scale(const Settings& settings, Report& report);
void run_startup(const Settings& settings, Report& report);
void run_isolate(const Settings& settings, Report& report);
void run_wine(const Settings& settings, Report& report);
/** The child process of a large tcp scale run (see scale.cpp). */
int run_scale_client(std::uint16_t port, std::size_t n, std::size_t probes);

}  // namespace bench
