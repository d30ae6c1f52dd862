// Section 5: start-up. Time from spawning rasshost-serve to its "ready:"
// line (the first port listening), against spawning /bin/echo and reading
// its line (the process start-up floor) in the same run; and the cost of
// loading a security DLL with LoadLibraryA + GetProcAddress (+ FreeLibrary,
// so that every load is a real one) against raw dlopen + dlsym + dlclose.
#include "common.hpp"

#include <rasshost/win32.h>

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {
namespace {

// Spawns argv with `fd_to_watch` (1 or 2) on a pipe; returns seconds until
// a line containing `marker` arrived, then ends the child.
double time_to_line(std::vector<std::string> args, int fd_to_watch, const char* marker) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], fd_to_watch);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const auto t0 = clock::now();
    if (::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("spawn " + args[0]);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    std::string seen;
    double seconds = -1;
    char buffer[512];
    while (seconds < 0) {
        pollfd p{pipe_fds[0], POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0) break;
        const auto n = ::read(pipe_fds[0], buffer, sizeof buffer);
        if (n <= 0) break;
        seen.append(buffer, static_cast<std::size_t>(n));
        if (seen.find(marker) != std::string::npos) seconds = seconds_since(t0);
    }
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(pipe_fds[0]);
    if (seconds < 0) throw std::runtime_error(fmt::format("{}: no \"{}\" line; saw: {}", args[0], marker, seen));
    return seconds;
}

}  // namespace

void run_startup(const Settings& settings, Report& report) {
    const std::size_t reps = settings.quick ? 10 : 40;
    std::vector<double> serve, floor;
    for (std::size_t i = 0; i < reps; ++i) {
        serve.push_back(time_to_line({settings.serve_path, "--dll", settings.dll_path, "--port", "tcp:127.0.0.1:0"}, 2,
                                     "ready:") * 1e3);
        floor.push_back(time_to_line({"/bin/echo", "ready:"}, 1, "ready:") * 1e3);
    }
    const Summary s = summarize(serve), f = summarize(floor);
    report.add({"startup.first_port_ready.p50", s.p50, "ms", "spawn /bin/echo", f.p50});
    report.add({"startup.first_port_ready.p99", s.p99, "ms", "spawn /bin/echo", f.p99});

    // Loading a DLL: every load is a real one (the last FreeLibrary unloads).
    const std::size_t loads = settings.quick ? 50 : 300;
    std::vector<double> ours, raw;
    for (std::size_t i = 0; i < loads; ++i) {
        auto t0 = clock::now();
        HMODULE module = LoadLibraryA(settings.dll_path.c_str());
        if (!module || !GetProcAddress(module, "RasSecurityDialogBegin") || !GetProcAddress(module, "RasSecurityDialogEnd"))
            throw std::runtime_error("LoadLibraryA " + settings.dll_path);
        ours.push_back(nanoseconds_between(t0, clock::now()) / 1e3);
        FreeLibrary(module);
        t0 = clock::now();
        void* handle = ::dlopen(settings.dll_path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle || !::dlsym(handle, "RasSecurityDialogBegin") || !::dlsym(handle, "RasSecurityDialogEnd"))
            throw std::runtime_error("dlopen " + settings.dll_path);
        raw.push_back(nanoseconds_between(t0, clock::now()) / 1e3);
        ::dlclose(handle);
    }
    report.add({"startup.load_dll.p50", summarize(ours).p50, "us", "dlopen+dlsym", summarize(raw).p50});
    report.add({"startup.load_dll.p99", summarize(ours).p99, "us", "dlopen+dlsym", summarize(raw).p99});
}

}  // namespace bench
