// serve_foreign_dll on POSIX (foreign_dll.hpp): the Windows host for the
// DLL's machine, started under Wine with this command line translated to
// it, in a prefix of rasshost's own, and supervised (wine_supervisor.hpp).
#include "foreign_dll.hpp"
#include "wine_prefix.hpp"
#include "wine_supervisor.hpp"

#include "posix/win32/files/windows_path.hpp"

#include <rasshost/drives.hpp>
#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>
#include <rasshost/port_spec.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

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
// device becomes the COM port the prefix maps to it, a pty one relayed to
// a COM port (Windows has no pseudo-terminals).
std::string windows_port(std::string_view text, WinePrefix& prefix, WineSupervisor& supervisor, unsigned& next_com) {
    if (text == "systemd")
        throw UsageError("--port systemd: the Windows host under Wine cannot take the sockets systemd passes; give "
                         "--port tcp:HOST:PORT");
    const PortSpec spec = parse_port_spec(text);
    if (const auto* serial = std::get_if<SerialSettings>(&spec)) {
        const std::string com = prefix.map_com_port(next_com++, serial->device);
        supervisor.rename(com, serial->device);
        std::string windows = std::string(text);
        return "serial:" + com + windows.substr(windows.find(serial->device) + serial->device.size());
    }
    if (const auto* pty = std::get_if<PtySettings>(&spec)) return "serial:" + supervisor.relay_pty(*pty, prefix, next_com++);
    return std::string(text);
}

// This command line for the Windows host: files by their Windows names,
// the registry imported into the prefix beforehand, lines mapped, and its
// log at debug and plain (the supervisor tracks dialogs by it and shows the
// lines at the --log-level asked for, with their priorities if --log says).
std::vector<std::string> windows_arguments(const std::vector<std::string_view>& arguments, WinePrefix& prefix,
                                           WineSupervisor& supervisor, const std::string& dll_file) {
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
                                option == "--port" || option == "--log-level" || option == "--log";
        if (!translated) {
            out.emplace_back(arguments[i]);
            continue;
        }
        if (!inline_value) value = arguments[++i];  // the options parsed already: the value is there
        if (option == "--registry") {
            prefix.import_registry(windows_path(value));
            continue;
        }
        if (option == "--log-level" || option == "--log") continue;  // the supervisor's
        out.emplace_back(option);
        if (option == "--port") out.push_back(windows_port(value, prefix, supervisor, next_com));
        else out.push_back(windows_path(option == "--dll" ? std::string_view(dll_file) : value));
    }
    out.insert(out.end(), {"--log-level", "debug"});
    return out;
}

}  // namespace

std::string local_dll_file(const Options& options) {
    const std::string_view dll = options.dll;
    const bool windows_form = dll.size() >= 3 && std::isalpha(static_cast<unsigned char>(dll[0])) && dll[1] == ':' &&
                              (dll[2] == '\\' || dll[2] == '/');
    if (!windows_form) return options.dll;
    for (const auto& drive : options.drives) map_drive_option(drive);  // as the host maps them later
    auto found = posix::resolve_path(options.dll.c_str());
    if (found.exists) return found.posix;
    // Not on a drive --drive maps: on a prefix's, 32-bit first (an NT4 DLL is).
    const char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(dll[0])));
    const auto mapped = drive_directory(letter);
    for (const auto machine : {PeMachine::x86, PeMachine::amd64}) {
        std::error_code error;
        const auto drive = fs::canonical(fs::path(WinePrefix::path_for(machine)) / "dosdevices" / fmt::format("{}:", letter),
                                         error);
        if (error) continue;
        map_drive(letter, drive);
        found = posix::resolve_path(options.dll.c_str());
        if (found.exists) break;
    }
    if (mapped) map_drive(letter, *mapped);
    else unmap_drive(letter);
    if (found.exists) return found.posix;
    throw HostError(fmt::format("the DLL {} is on drive {}:, where it is not found: map the drive to a directory with "
                                "--drive {}:=DIR, or put the DLL in rasshost's Wine prefix ({})",
                                log_escape(options.dll), static_cast<char>(std::toupper(letter)),
                                static_cast<char>(std::toupper(letter)), log_escape(WinePrefix::path_for(PeMachine::x86))));
}

std::optional<int> serve_foreign_dll(const Options& options, const std::vector<std::string_view>& arguments,
                                     const PeImage& image, const std::string& file) {
    if (options.isolate) throw UsageError("--isolate: a Windows DLL is served under Wine, where it is not supported");
    if (!options.on_success.empty())
        throw UsageError("--on-success: a Windows DLL is served under Wine, where lines are not handed over");
    WinePrefix prefix(image.machine);
    const bool uses_stdio = std::any_of(options.ports.begin(), options.ports.end(), [](const std::string& port) {
        return port == "stdio";
    });
    WineSupervisor supervisor(options, uses_stdio);
    std::vector<std::string> command{prefix.host()};
    for (auto& argument : windows_arguments(arguments, prefix, supervisor, file)) command.push_back(std::move(argument));
    const bool named = std::any_of(arguments.begin(), arguments.end(),
                                   [](std::string_view a) { return a == "--dll" || a.starts_with("--dll="); });
    if (!named) {  // the DLL --registry's DLLPath named: by the name this host found it by
        command.push_back("--dll");
        command.push_back(windows_path(file));
    }
    return supervisor.run(prefix, command);
}

}  // namespace rasshost::serve
