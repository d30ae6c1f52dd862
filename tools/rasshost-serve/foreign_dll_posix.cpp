// serve_foreign_dll on POSIX (foreign_dll.hpp): the Windows host for the
// DLL's machine, started under Wine with this command line translated to
// it, in a prefix of rasshost's own; its output is this host's output, its
// exit code this host's, and a signal to this host is a Ctrl+C to it.
#include "foreign_dll.hpp"
#include "wine_prefix.hpp"

#include <rasshost/host.hpp>
#include <rasshost/port_spec.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace rasshost::serve {
namespace {

namespace fs = std::filesystem;

// The Windows name of a local file: Wine's Z: drive is the root.
std::string windows_path(std::string_view path) {
    std::string name = "Z:" + fs::absolute(fs::path(path)).lexically_normal().string();
    for (auto& c : name)
        if (c == '/') c = '\\';
    return name;
}

// A --port of this command line as the Windows host takes it: a serial
// device becomes the COM port the prefix maps to it.
std::string windows_port(std::string_view text, WinePrefix& prefix, unsigned& next_com) {
    const PortSpec spec = parse_port_spec(text);
    if (const auto* serial = std::get_if<SerialSettings>(&spec)) {
        const std::string com = prefix.map_com_port(next_com++, serial->device);
        std::string windows = std::string(text);
        return "serial:" + com + windows.substr(windows.find(serial->device) + serial->device.size());
    }
    if (std::holds_alternative<PtySettings>(spec))
        throw UsageError("--port pty: the Windows host serves a Windows DLL under Wine, and Windows has no "
                         "pseudo-terminals; use tcp, stdio, or a serial port");
    return std::string(text);
}

// This command line for the Windows host: files by their Windows names,
// the registry imported into the prefix beforehand, serial ports mapped.
std::vector<std::string> windows_arguments(const std::vector<std::string_view>& arguments, WinePrefix& prefix) {
    std::vector<std::string> out;
    unsigned next_com = 1;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string_view option = arguments[i], value;
        const auto eq = option.find('=');
        const bool inline_value = option.starts_with("--") && eq != std::string_view::npos;
        if (inline_value) {
            value = option.substr(eq + 1);
            option = option.substr(0, eq);
        }
        const bool translated = option == "--dll" || option == "--transcript" || option == "--registry" ||
                                option == "--port";
        if (!translated) {
            out.emplace_back(arguments[i]);
            continue;
        }
        if (!inline_value) value = arguments[++i];  // the options parsed already: the value is there
        if (option == "--registry") {
            prefix.import_registry(windows_path(value));
            continue;
        }
        out.emplace_back(option);
        out.push_back(option == "--port" ? windows_port(value, prefix, next_com) : windows_path(value));
    }
    return out;
}

// Runs the host and waits for it, in this process group, so that it reads
// a terminal it serves. SIGINT, SIGTERM and SIGHUP reach it as SIGINT,
// which Wine turns into the Ctrl+C the host ends its dialogs on (Wine ends
// a process on SIGTERM at once, without its dialogs' End).
int run_and_wait(const WinePrefix& prefix, const std::vector<std::string>& command) {
    sigset_t wanted, previous;
    sigemptyset(&wanted);
    for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&wanted, s);
    sigprocmask(SIG_BLOCK, &wanted, &previous);
    const pid_t child = prefix.spawn(command, &previous);
    if (child < 0) {
        sigprocmask(SIG_SETMASK, &previous, nullptr);
        throw HostError(fmt::format("cannot start {}: {}", command.front(), std::strerror(errno)));
    }
    int status = 0;
    for (;;) {
        siginfo_t info{};
        const int signal = sigwaitinfo(&wanted, &info);
        if (signal == SIGCHLD && waitpid(child, &status, WNOHANG) == child) break;
        // A terminal's Ctrl+C (sent by the kernel to the whole foreground
        // group) has reached the host already: a second one is not sent.
        const bool from_terminal = signal == SIGINT && info.si_code == SI_KERNEL;
        if ((signal == SIGINT || signal == SIGTERM || signal == SIGHUP) && !from_terminal) kill(child, SIGINT);
    }
    sigprocmask(SIG_SETMASK, &previous, nullptr);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    std::fprintf(stderr, "rasshost-serve: the Windows host under Wine ended by signal %d\n", WTERMSIG(status));
    return exit_error;
}

}  // namespace

std::optional<int> serve_foreign_dll(const Options& options, const std::vector<std::string_view>& arguments,
                                     const PeImage& image) {
    if (options.isolate) throw UsageError("--isolate: a Windows DLL is served under Wine, where it is not supported");
    WinePrefix prefix(image.machine);
    std::vector<std::string> command{prefix.host()};
    for (auto& argument : windows_arguments(arguments, prefix)) command.push_back(std::move(argument));
    const bool named = std::any_of(arguments.begin(), arguments.end(),
                                   [](std::string_view a) { return a == "--dll" || a.starts_with("--dll="); });
    if (!named) {  // the DLL --registry's DLLPath named: by the name this host found it by
        command.push_back("--dll");
        command.push_back(windows_path(options.dll));
    }
    return run_and_wait(prefix, command);
}

}  // namespace rasshost::serve
