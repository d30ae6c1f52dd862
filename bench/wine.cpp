// Section: wine. What serving a Windows DLL binary under Wine costs
// (docs/wine-host.md), against the same DLL built for Linux, in the same
// run: rasshost-serve --dll X.DLL (the Windows host under Wine, supervised)
// beside rasshost-serve --dll x.so.
//  - start-up: spawn -> the "ready:" line. The first start of a PE DLL pays
//    for Wine's server and services (the prefix exists already); later
//    starts, each within a second of the last, find them up;
//  - a dialog's start: connect -> the DLL's prompt (after the host's telnet
//    offer); the whole dialog: connect -> prompt -> an answer -> the host
//    hangs up after SUCCESS; calls one after another on one host.
// Given with --wine-dll X.DLL (repeatable: a 32-bit and a 64-bit build) and
// --wine-twin x.so (the same source built for Linux); skipped without them.
// The DLL must prompt with ": " and complete with SUCCESS on any answer
// (the greeter example, examples/consumer).
#include "common.hpp"
#include "scale_users.hpp"
#include "spawned.hpp"
#include "windows_dll.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <poll.h>
#include <unistd.h>

namespace bench {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> host_arguments(const Settings& settings, const std::string& dll) {
    return {settings.serve_path, "--dll",          dll, "--port", "tcp:127.0.0.1:0", "--fail-delay", "0",
            "--max-dialogs",     "0",              "--max-dialogs-per-source", "0", "--max-failures", "0"};
}

// Reads the line until `marker` is in what came, or it closes (marker "").
void read_until(int fd, const std::string& marker, const char* what) {
    std::string seen;
    char buffer[256];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const auto n = ::poll(&p, 1, 20000) > 0 ? ::read(fd, buffer, sizeof buffer) : -2;
        if (n < 0 && errno == EAGAIN) continue;
        if (n == 0 && marker.empty()) return;
        if (n <= 0 || seen.size() > 4096) throw std::runtime_error(fmt::format("wine: no {}; {} bytes came", what, seen.size()));
        seen.append(buffer, static_cast<std::size_t>(n));
        if (!marker.empty() && seen.find(marker) != std::string::npos) return;
    }
}

struct Times {
    double first_ready_ms = 0;
    std::vector<double> ready_ms, prompt_ms, dialog_ms;
};

// One dialog on the host at `port`: its times in ms, into `times`.
void one_dialog(std::uint16_t port, Times* times) {
    const auto t0 = clock::now();
    scale::User user;
    if (!scale::connect_user_tcp(user, port)) throw std::runtime_error("wine: cannot connect");
    read_until(user.fd, ": ", "prompt");
    const auto prompted = clock::now();
    if (::write(user.fd, "alice\r", 6) != 6) throw std::runtime_error("wine: cannot answer");
    read_until(user.fd, "", "hang-up");
    ::close(user.fd);
    if (times == nullptr) return;
    times->prompt_ms.push_back(nanoseconds_between(t0, prompted) / 1e6);
    times->dialog_ms.push_back(nanoseconds_between(t0, clock::now()) / 1e6);
}

Times measure(const Settings& settings, const std::string& dll) {
    const std::size_t starts = settings.quick ? 4 : 10, dialogs = settings.quick ? 20 : 100;
    Times times;
    for (std::size_t i = 0; i <= starts; ++i) {
        Spawned host(host_arguments(settings, dll), 2);
        const std::string marker = "ready: tcp 127.0.0.1:";
        const auto line = host.read_line(marker, 120s);  // a first use of Wine may make its prefix
        const double ms = seconds_since(host.started()) * 1e3;
        if (i == 0) times.first_ready_ms = ms;
        else times.ready_ms.push_back(ms);
        if (i < starts) continue;  // the dialogs on the last host only
        host.drain();
        const auto port = static_cast<std::uint16_t>(std::stoul(line.substr(line.find(marker) + marker.size())));
        one_dialog(port, nullptr);  // warm-up: the DLL's first worker, lazy binding
        for (std::size_t d = 0; d < dialogs; ++d) one_dialog(port, &times);
    }
    return times;
}

}  // namespace

void run_wine(const Settings& settings, Report& report) {
    if (settings.wine_dlls.empty() || settings.wine_twin.empty()) {
        fmt::print("wine: skipped (give --wine-dll X.DLL and --wine-twin x.so)\n");
        return;
    }
    const Times native = measure(settings, settings.wine_twin);
    const Summary ready = summarize(native.ready_ms), prompt = summarize(native.prompt_ms),
                  dialog = summarize(native.dialog_ms);
    report.add({"wine.ready.first [Linux DLL]", native.first_ready_ms, "ms"});
    report.add({"wine.ready.p50 [Linux DLL]", ready.p50, "ms"});
    report.add({"wine.connect_to_prompt.p50 [Linux DLL]", prompt.p50, "ms"});
    report.add({"wine.dialog.p50 [Linux DLL]", dialog.p50, "ms"});
    report.add({"wine.dialog.p90 [Linux DLL]", dialog.p90, "ms"});
    const std::string base = "Linux DLL";
    for (const auto& dll : settings.wine_dlls) {
        const auto image = rasshost::serve::check_windows_dll(dll);
        if (!image) throw std::runtime_error("wine: " + dll + " is not a Windows DLL");
        const std::string name = rasshost::serve::describe_machine(*image) + " DLL under Wine";
        const Times pe = measure(settings, dll);
        const Summary r = summarize(pe.ready_ms), p = summarize(pe.prompt_ms), d = summarize(pe.dialog_ms);
        report.add({fmt::format("wine.ready.first [{}]", name), pe.first_ready_ms, "ms", base, native.first_ready_ms});
        report.add({fmt::format("wine.ready.p50 [{}]", name), r.p50, "ms", base, ready.p50});
        report.add({fmt::format("wine.connect_to_prompt.p50 [{}]", name), p.p50, "ms", base, prompt.p50});
        report.add({fmt::format("wine.dialog.p50 [{}]", name), d.p50, "ms", base, dialog.p50});
        report.add({fmt::format("wine.dialog.p90 [{}]", name), d.p90, "ms", base, dialog.p90});
    }
}

}  // namespace bench
