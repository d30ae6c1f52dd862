// Section 5: start-up. Time from spawning rasshost-serve to its "ready:"
// line (the first port listening), against spawning /bin/echo and reading
// its line (the process start-up floor) in the same run; and the cost of
// loading a security DLL with LoadLibraryA + GetProcAddress (+ FreeLibrary,
// so that every load is a real one) against raw dlopen + dlsym + dlclose.
#include "common.hpp"
#include "spawned.hpp"

#include <rasshost/win32.h>

#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include <dlfcn.h>

namespace bench {
namespace {

// Seconds from spawning args (its fd `fd_to_watch`, 1 or 2, on a pipe) to
// a line containing `marker`; then ends the program.
double time_to_line(std::vector<std::string> args, int fd_to_watch, const char* marker) {
    Spawned program(std::move(args), fd_to_watch);
    program.read_line(marker, std::chrono::seconds(10));
    return seconds_since(program.started());
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
