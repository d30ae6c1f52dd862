// rasshost-bench: measures rasshost against the raw limits of this machine,
// measured in the same run (docs/benchmarks.md). Not a test: it never fails on a
// missed target, it reports it.
//
//   rasshost-bench [--quick] [--csv FILE] [--only SECTION] [--dll PATH] [--serve PATH]
//                  [--wine-dll X.DLL ... --wine-twin x.so]
#include "common.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef RASSHOST_BENCH_DLL_BUILD_PATH
#define RASSHOST_BENCH_DLL_BUILD_PATH ""
#endif
#ifndef RASSHOST_BENCH_SERVE_BUILD_PATH
#define RASSHOST_BENCH_SERVE_BUILD_PATH ""
#endif

namespace bench {

Figure& Report::add(Figure figure) {
    figures_.push_back(std::move(figure));
    print_row(figures_.back());
    return figures_.back();
}

namespace {

std::string format_value(double v) {
    if (v == 0) return "0";
    const double a = v < 0 ? -v : v;
    if (a >= 1e6) return fmt::format("{:.3g}", v);
    if (a >= 100) return fmt::format("{:.0f}", v);
    if (a >= 10) return fmt::format("{:.1f}", v);
    if (a >= 1) return fmt::format("{:.2f}", v);
    return fmt::format("{:.3f}", v);
}

std::string row_text(const Figure& f) {
    const std::string value = format_value(f.value) + " " + f.unit;
    const std::string base = f.baseline_name.empty() ? "" : fmt::format("{} {}", format_value(f.baseline), f.baseline_name);
    const std::string ratio = f.baseline > 0 ? fmt::format("{:.2f}x", f.ratio()) : "";
    const std::string verdict = !f.met ? "" : *f.met ? "met" : "MISSED";
    return fmt::format("| {:<50} | {:>14} | {:<34} | {:>7} | {:<18} | {:<6} |", f.name, value, base, ratio, f.target,
                       verdict);
}

}  // namespace

void Report::print_row(const Figure& f) {
    fmt::print("{}\n", row_text(f));
    std::fflush(stdout);
}

void Report::print_table() const {
    fmt::print("\n| {:<50} | {:>14} | {:<34} | {:>7} | {:<18} | {:<6} |\n", "figure", "value", "baseline (same run)",
               "ratio", "target", "");
    fmt::print("|{:-<52}|{:->16}|{:-<36}|{:->9}|{:-<20}|{:-<8}|\n", "", "", "", "", "", "");
    for (const auto& f : figures_) fmt::print("{}\n", row_text(f));
}

namespace {

// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a
// comma or a quote ("events.poll0 [mutex+condvar, state first]").
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + '"';
}

}  // namespace

bool Report::write_csv(const std::string& path) const {
    std::ofstream out(path);
    if (!out) return false;
    out << "name,value,unit,baseline,ratio\n";
    for (const auto& f : figures_)
        out << fmt::format("{},{:.6g},{},{:.6g},{:.4g}\n", csv_field(f.name), f.value, csv_field(f.unit), f.baseline,
                           f.ratio());
    return static_cast<bool>(out);
}

Summary summarize(std::vector<double> samples) {
    Summary s;
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    auto rank = [&](double q) {
        const auto i = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
        return samples[std::min(i, samples.size() - 1)];
    };
    s.count = samples.size();
    s.p50 = rank(0.50);
    s.p90 = rank(0.90);
    s.p99 = rank(0.99);
    s.min = samples.front();
    s.max = samples.back();
    double sum = 0;
    for (double v : samples) sum += v;
    s.mean = sum / static_cast<double>(samples.size());
    return s;
}

std::size_t thread_count() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++n;
    return n;
}

std::size_t rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

namespace {
double to_seconds(const rusage& usage) {
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return s(usage.ru_utime) + s(usage.ru_stime);
}
}  // namespace

double process_cpu_seconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return to_seconds(usage);
}

double thread_cpu_seconds() {
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    return to_seconds(usage);
}

std::size_t raise_fd_limit(std::size_t wanted) {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur >= wanted) return limit.rlim_cur;
    rlimit raised = limit;
    raised.rlim_cur = wanted;
    if (raised.rlim_max < wanted) raised.rlim_max = wanted;
    if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) {  // not allowed to raise the hard limit: up to it
        raised = limit;
        raised.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &raised);
    }
    ::getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

void pin_to_cpu(unsigned cpu) {
    const unsigned cpus = std::thread::hardware_concurrency();
    if (cpus < 2) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu % cpus, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);  // best effort
}

void unpin() {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (unsigned i = 0; i < std::thread::hardware_concurrency(); ++i) CPU_SET(i, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

double load_average() {
    double loads[1] = {0};
    return ::getloadavg(loads, 1) == 1 ? loads[0] : -1;
}

}  // namespace bench

namespace {

std::string sibling_or(const std::string& relative, const std::string& build_path) {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto candidate = (self.parent_path() / relative).lexically_normal();
        if (std::filesystem::exists(candidate)) return candidate.string();
    }
    return build_path;
}

int usage() {
    std::fputs("usage: rasshost-bench [--quick] [--csv FILE] [--only events|named|profile|registry|text|sync|io|latency|throughput|scale|startup|isolate|wine] [--dll PATH] "
               "[--serve PATH] [--wine-dll X.DLL ... --wine-twin x.so]\n",
               stderr);
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::string_view(argv[1]) == "--scale-client")
        return bench::run_scale_client(static_cast<std::uint16_t>(std::atoi(argv[2])),
                                       static_cast<std::size_t>(std::atol(argv[3])),
                                       static_cast<std::size_t>(std::atol(argv[4])));
    bench::Settings settings;
    std::string csv;
    settings.dll_path = sibling_or("../lib/rasshost/libbench_password.so", RASSHOST_BENCH_DLL_BUILD_PATH);
    settings.serve_path = sibling_or("rasshost-serve", RASSHOST_BENCH_SERVE_BUILD_PATH);
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--quick") settings.quick = true;
        else if (arg == "--csv" && i + 1 < argc) csv = argv[++i];
        else if (arg == "--only" && i + 1 < argc) settings.only = argv[++i];
        else if (arg == "--dll" && i + 1 < argc) settings.dll_path = argv[++i];
        else if (arg == "--serve" && i + 1 < argc) settings.serve_path = argv[++i];
        else if (arg == "--wine-dll" && i + 1 < argc) settings.wine_dlls.emplace_back(argv[++i]);
        else if (arg == "--wine-twin" && i + 1 < argc) settings.wine_twin = argv[++i];
        else return usage();
    }
    const auto started = bench::clock::now();
    const std::time_t now = std::time(nullptr);
    char when[64];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %Z", std::localtime(&now));
    fmt::print("rasshost-bench: {} run, {}, {} CPUs, load average {:.2f} at start\n",
               settings.quick ? "quick" : "full", when, std::thread::hardware_concurrency(), bench::load_average());

    bench::Report report;
    auto wanted = [&](std::string_view section) {
        return settings.only.empty() || std::string_view(section).find(settings.only) != std::string_view::npos;
    };
    try {
        if (wanted("events")) {
            bench::run_events(settings, report);
            bench::run_mixed_waits(settings, report);
        }
        if (wanted("named")) bench::run_named_objects(settings, report);
        if (wanted("profile")) bench::run_profile(settings, report);
        if (wanted("registry")) bench::run_registry(settings, report);
        if (wanted("text")) bench::run_text(settings, report);
        if (wanted("sync")) bench::run_sync(settings, report);
        if (wanted("io.latency")) bench::run_io_latency(settings, report);
        if (wanted("io.throughput")) bench::run_io_throughput(settings, report);
        if (wanted("scale")) bench::run_scale(settings, report);
        if (wanted("startup")) bench::run_startup(settings, report);
        if (wanted("isolate")) bench::run_isolate(settings, report);
        if (wanted("wine")) bench::run_wine(settings, report);
    } catch (const std::exception& error) {
        fmt::print(stderr, "rasshost-bench: {}\n", error.what());
        report.print_table();
        return 1;
    }
    report.print_table();
    fmt::print("\n{} figures in {:.1f} s; load average {:.2f} at the end\n", report.figures().size(),
               bench::seconds_since(started), bench::load_average());
    if (!csv.empty() && !report.write_csv(csv)) {
        fmt::print(stderr, "rasshost-bench: cannot write {}\n", csv);
        return 1;
    }
    return 0;
}
