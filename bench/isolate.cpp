// Section 6: isolation. What `rasshost-serve --isolate` (each dialog's DLL in
// a process of its own) costs per dialog, against the in-process host
// measured in the same run. Each host: rasshost-serve on tcp:127.0.0.1:0
// with the bench DLL (its prompt comes first), the caps, penalties and
// failure delay lifted (every call here comes from 127.0.0.1 and hangs up
// at the prompt, which counts as a failed attempt).
//  - start-up: connect -> the DLL's first prompt (after the host's telnet
//    offer), calls one after another, each hung up at its prompt;
//  - memory: N dialogs open at once, each at its prompt. In-process: the
//    host's RSS growth / N. Isolated: each dialog process's private memory
//    (Private_Clean + Private_Dirty: the pages only it maps, what a dialog
//    really adds), its PSS (the shared pages of the program and libraries
//    divided among the processes that map them) and RSS, and the host's own
//    RSS growth / N.
#include "common.hpp"
#include "scale_users.hpp"
#include "spawned.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace bench {
namespace {

using namespace std::chrono_literals;

// A kB figure ("VmRSS:", "Pss:", ...) of /proc/PID/FILE; 0 when absent.
double proc_kib(pid_t pid, const char* file, const std::string& key) {
    std::ifstream in(fmt::format("/proc/{}/{}", pid, file));
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(key + ":")) return std::stod(line.substr(key.size() + 1));
    return 0;
}

// The host's children still running (a zombie is not: it holds no memory
// and only waits for the host to reap it). The host starts them on its io
// thread: every thread's list is read.
std::vector<pid_t> live_children(pid_t host) {
    std::vector<pid_t> found;
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator(fmt::format("/proc/{}/task", host), error)) {
        std::ifstream list(task.path() / "children");
        for (pid_t pid = 0; list >> pid;) {
            std::ifstream stat(fmt::format("/proc/{}/stat", pid));
            std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
            const auto state = text.rfind(") ");  // the name, in parentheses, may hold anything
            if (state != std::string::npos && state + 2 < text.size() && text[state + 2] != 'Z') found.push_back(pid);
        }
    }
    return found;
}

// Waits until the host has no child running (the dialogs of hung-up calls
// end), sleeping on the children's pidfds. False at the deadline.
bool wait_children_gone(pid_t host, clock::time_point deadline) {
    for (;;) {
        const auto children = live_children(host);
        if (children.empty()) return true;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
        if (left <= 0) return false;
        std::vector<pollfd> exits;
        for (pid_t pid : children)
            if (const auto fd = ::syscall(SYS_pidfd_open, pid, 0); fd >= 0) exits.push_back({static_cast<int>(fd), POLLIN, 0});
        if (exits.empty()) std::this_thread::sleep_for(1ms);  // all of them ended since the list was read
        else ::poll(exits.data(), exits.size(), static_cast<int>(left));
        for (const auto& p : exits) ::close(p.fd);
    }
}

// Calls the host and waits for the DLL's first prompt; returns the line's fd.
int call_to_prompt(std::uint16_t port) {
    scale::User user;
    if (!scale::connect_user_tcp(user, port)) throw std::runtime_error("isolate: cannot connect");
    std::string seen;
    char buffer[256];
    while (seen.find(": ") == std::string::npos) {  // after the telnet offer (FF FB 01 FF FB 03)
        pollfd p{user.fd, POLLIN, 0};
        const auto n = ::poll(&p, 1, 20000) > 0 ? ::read(user.fd, buffer, sizeof buffer) : 0;
        if (n < 0 && errno == EAGAIN) continue;
        if (n <= 0 || seen.size() > 4096) {
            ::close(user.fd);
            throw std::runtime_error(fmt::format("isolate: no prompt from the host; {} bytes came", seen.size()));
        }
        seen.append(buffer, static_cast<std::size_t>(n));
    }
    return user.fd;
}

// The calls held open at once; hung up when it goes.
struct OpenCalls {
    std::vector<int> fds;
    ~OpenCalls() {
        for (int fd : fds) ::close(fd);
    }
};

struct Cost {
    std::vector<double> start_ms;  // connect -> prompt, one per call
    double host_kib = 0;           // the host's RSS growth per open dialog
    double private_kib = 0, pss_kib = 0, rss_kib = 0;  // per dialog process (isolated)
};

// rasshost-serve, in-process or isolated, listening on a port of its choice.
struct Host {
    Host(const Settings& settings, bool isolate)
        : program(std::make_unique<Spawned>(arguments(settings, isolate), 2)) {
        const std::string marker = "ready: tcp 127.0.0.1:";
        const auto line = program->read_line(marker, 10s);
        port = static_cast<std::uint16_t>(std::stoul(line.substr(line.find(marker) + marker.size())));
        program->drain();  // it logs every dialog
    }
    static std::vector<std::string> arguments(const Settings& settings, bool isolate) {
        std::vector<std::string> args = {settings.serve_path, "--dll", settings.dll_path, "--port", "tcp:127.0.0.1:0",
                                         "--dialog-timeout", "60", "--fail-delay", "0", "--max-dialogs", "0",
                                         "--max-dialogs-per-source", "0", "--max-failures", "0"};
        if (isolate) args.push_back("--isolate");
        return args;
    }
    std::unique_ptr<Spawned> program;
    std::uint16_t port = 0;
};

// The memory of the host's dialog processes, per process, into `cost`.
void measure_children(pid_t host, std::size_t expected, Cost& cost) {
    const auto children = live_children(host);
    if (children.size() != expected)
        throw std::runtime_error(fmt::format("isolate: {} dialog processes for {} open dialogs", children.size(), expected));
    for (pid_t child : children) {
        cost.private_kib += proc_kib(child, "smaps_rollup", "Private_Clean") + proc_kib(child, "smaps_rollup", "Private_Dirty");
        cost.pss_kib += proc_kib(child, "smaps_rollup", "Pss");
        cost.rss_kib += proc_kib(child, "status", "VmRSS");
    }
    const auto n = static_cast<double>(expected);
    cost.private_kib /= n;
    cost.pss_kib /= n;
    cost.rss_kib /= n;
}

Cost measure(const Settings& settings, bool isolate, std::size_t calls, std::size_t open) {
    Host host(settings, isolate);
    const pid_t pid = host.program->pid();
    ::close(call_to_prompt(host.port));  // warm-up: the DLL's first worker, lazy binding
    Cost cost;
    for (std::size_t i = 0; i < calls; ++i) {
        const auto t0 = clock::now();
        const int fd = call_to_prompt(host.port);
        cost.start_ms.push_back(nanoseconds_between(t0, clock::now()) / 1e6);
        ::close(fd);
    }
    if (!wait_children_gone(pid, clock::now() + 30s)) throw std::runtime_error("isolate: dialog processes did not end");
    std::this_thread::sleep_for(100ms);  // the in-process host ends the hung-up dialogs: nothing to wait on
    const double before = proc_kib(pid, "status", "VmRSS");
    OpenCalls lines;
    for (std::size_t i = 0; i < open; ++i) lines.fds.push_back(call_to_prompt(host.port));
    cost.host_kib = (proc_kib(pid, "status", "VmRSS") - before) / static_cast<double>(open);
    if (isolate) measure_children(pid, open, cost);
    return cost;
}

}  // namespace

void run_isolate(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 30 : 200, open = settings.quick ? 10 : 50;
    const Cost in = measure(settings, false, calls, open);
    const Cost iso = measure(settings, true, calls, open);
    const Summary a = summarize(in.start_ms), b = summarize(iso.start_ms);
    report.add({"isolate.connect_to_prompt.p50 [in-process]", a.p50, "ms"});
    report.add({"isolate.connect_to_prompt.p90 [in-process]", a.p90, "ms"});
    report.add({"isolate.connect_to_prompt.p50 [--isolate]", b.p50, "ms", "in-process", a.p50});
    report.add({"isolate.connect_to_prompt.p90 [--isolate]", b.p90, "ms", "in-process", a.p90});
    const std::string base = "in-process host";
    report.add({fmt::format("isolate.n{}.memory_per_dialog [in-process host]", open), in.host_kib, "KiB"});
    report.add({fmt::format("isolate.n{}.memory_per_dialog [--isolate private]", open), iso.private_kib, "KiB", base,
                in.host_kib});
    report.add({fmt::format("isolate.n{}.memory_per_dialog [--isolate PSS]", open), iso.pss_kib, "KiB", base,
                in.host_kib});
    report.add({fmt::format("isolate.n{}.memory_per_dialog [--isolate RSS]", open), iso.rss_kib, "KiB", base,
                in.host_kib});
    report.add({fmt::format("isolate.n{}.memory_per_dialog [--isolate host]", open), iso.host_kib, "KiB", base,
                in.host_kib});
}

}  // namespace bench
