#include "options.hpp"

#include <rasshost/registration.hpp>
#include <rasshost/registry.hpp>

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace rasshost::serve {
namespace {

unsigned long long parse_number(std::string_view option, std::string_view text, unsigned long long max) {
    unsigned long long value = 0;
    const auto* end = text.data() + text.size();
    const auto [at, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || at != end)
        throw UsageError(fmt::format("{}: \"{}\" is not a number", option, text));
    if (value > max) throw UsageError(fmt::format("{}: {} is more than {}", option, value, max));
    return value;
}

LogLevel parse_level(std::string_view text) {
    for (const auto level : {LogLevel::trace, LogLevel::debug, LogLevel::info, LogLevel::warning, LogLevel::error})
        if (text == to_string(level)) return level;
    if (text == "warn") return LogLevel::warning;
    throw UsageError(fmt::format("--log-level: \"{}\" is not one of trace, debug, info, warning, error", text));
}

constexpr unsigned long long max_seconds = 86400ULL * 7;  // a week, for windows and penalties

std::chrono::seconds parse_seconds(std::string_view option, std::string_view text, unsigned long long min,
                                   unsigned long long max) {
    const auto value = parse_number(option, text, max);
    if (value < min) throw UsageError(fmt::format("{}: must be {}..{}", option, min, max));
    return std::chrono::seconds(value);
}

// The options that limit calls: true if `option` is one of them.
template <class TakeValue>
bool parse_limit(std::string_view option, TakeValue&& take_value, Options& options) {
    if (option == "--fail-delay") {
        options.fail_delay = parse_seconds(option, take_value(), 0, 600);
    } else if (option == "--max-dialogs") {
        options.max_dialogs = parse_number(option, take_value(), 1000000);
    } else if (option == "--max-dialogs-per-source") {
        options.max_dialogs_per_source = parse_number(option, take_value(), 1000000);
    } else if (option == "--max-failures") {
        options.max_failures = static_cast<unsigned>(parse_number(option, take_value(), 100));
    } else if (option == "--failure-window") {
        options.failure_window = parse_seconds(option, take_value(), 1, max_seconds);
    } else if (option == "--penalty") {
        options.penalty = parse_seconds(option, take_value(), 1, max_seconds);
    } else if (option == "--max-penalty") {
        options.max_penalty = parse_seconds(option, take_value(), 1, max_seconds);
    } else {
        return false;
    }
    return true;
}

// The options of the dialogs themselves: true if `option` is one of them.
template <class TakeValue, class NoValue>
bool parse_dialog_option(std::string_view option, TakeValue&& take_value, NoValue&& no_value, Options& options) {
    if (option == "--dll") {
        options.dll = std::string(take_value());
        if (options.dll.empty()) throw UsageError("--dll: empty path");
    } else if (option == "--registry") {
        options.registry = std::string(take_value());
        if (options.registry.empty()) throw UsageError("--registry: empty path");
    } else if (option == "--port") {
        options.ports.emplace_back(take_value());
    } else if (option == "--drive") {
        const auto drive = take_value();
        const bool letter = !drive.empty() && ((drive[0] >= 'A' && drive[0] <= 'Z') || (drive[0] >= 'a' && drive[0] <= 'z'));
        if (!letter || drive.size() < 4 || drive[1] != ':' || drive[2] != '=')
            throw UsageError(fmt::format("--drive: \"{}\" is not LETTER:=DIRECTORY (e.g. C:=/srv/c)", drive));
        options.drives.emplace_back(drive);
    } else if (option == "--once") {
        no_value();
        options.once = true;
    } else if (option == "--on-success") {
        options.on_success = std::string(take_value());
        if (options.on_success.empty()) throw UsageError("--on-success: empty command");
    } else if (option == "--dialog-timeout") {
        options.dialog_timeout = std::chrono::seconds(parse_number(option, take_value(), 86400ULL * 365));
    } else if (option == "--send-buffer") {
        options.send_buffer = parse_number(option, take_value(), 65535);
        if (options.send_buffer == 0) throw UsageError("--send-buffer: must be 1..65535");
    } else if (option == "--recv-buffer") {
        options.receive_buffer = parse_number(option, take_value(), 65535);
        if (options.receive_buffer == 0) throw UsageError("--recv-buffer: must be 1..65535");
    } else if (option == "--ansi-code-page") {
        const auto code_page = static_cast<unsigned>(parse_number(option, take_value(), 65535));
        if (code_page != 1252 && code_page != 437 && code_page != 65001)
            throw UsageError("--ansi-code-page: must be 1252, 437 or 65001");
        options.ansi_code_page = code_page;
    } else {
        return false;
    }
    return true;
}

// The options of what the host writes: transcript and log.
template <class TakeValue>
bool parse_output_option(std::string_view option, TakeValue&& take_value, Options& options) {
    if (option == "--transcript") {
        options.transcript = std::string(take_value());
        if (options.transcript.empty()) throw UsageError("--transcript: empty path");
    } else if (option == "--transcript-input") {
        const auto input = take_value();
        if (input != "masked" && input != "plain")
            throw UsageError(fmt::format("--transcript-input: \"{}\" is not masked or plain", input));
        options.transcript_input = input == "plain" ? TranscriptInput::plain : TranscriptInput::masked;
    } else if (option == "--log-level") {
        options.log_level = parse_level(take_value());
    } else if (option == "--log") {
        const auto mode = take_value();
        if (mode == "auto") options.log_priorities = LogPriorities::automatic;
        else if (mode == "syslog") options.log_priorities = LogPriorities::syslog;
        else if (mode == "plain") options.log_priorities = LogPriorities::plain;
        else throw UsageError(fmt::format("--log: \"{}\" is not auto, syslog or plain", mode));
    } else {
        return false;
    }
    return true;
}

// The options of the Win32 emulation a DLL runs in.
template <class TakeValue>
bool parse_emulation_option(std::string_view option, TakeValue&& take_value, Options& options) {
    if (option == "--windows-version") {
        const auto text = take_value();
        options.windows_version = parse_system_version(text);
        if (!options.windows_version)
            throw UsageError(fmt::format("--windows-version: \"{}\" is not MAJOR.MINOR.BUILD[-spN][-workstation|-server|-dc]", text));
    } else {
        return false;
    }
    return true;
}

// The options of crash isolation, the internal ones included (isolate.cpp).
template <class TakeValue, class NoValue>
bool parse_isolation_option(std::string_view option, TakeValue&& take_value, NoValue&& no_value, Options& options) {
    if (option == "--isolate") {
        no_value();
        options.isolate = true;
    } else if (option == "--user") {
        options.user = std::string(take_value());
        if (options.user.empty()) throw UsageError("--user: empty name");
    } else if (option == "--isolated-child") {
        options.isolated_child = static_cast<int>(parse_number(option, take_value(), 1024));
    } else if (option == "--isolated-port") {  // with --isolated-child
        options.isolated_port = std::string(take_value());
    } else {
        return false;
    }
    return true;
}

// The options that ask for something else than serving.
template <class NoValue>
bool parse_action(std::string_view option, NoValue&& no_value, Options& options) {
    if (option == "--list-ports") {
        options.list_ports = true;
    } else if (option == "--help" || option == "-h") {
        options.help = true;
    } else if (option == "--version") {
        options.version = true;
    } else {
        return false;
    }
    no_value();
    return true;
}

// What no single option decides: defaults and combinations.
void complete(Options& options) {
    if (options.penalty > options.max_penalty)
        throw UsageError(fmt::format("--penalty {} is more than --max-penalty {}", options.penalty.count(),
                                     options.max_penalty.count()));
    if (options.help || options.version || options.list_ports) return;
    // The registry comes first: the DLL's default is read from it.
    if (!options.registry.empty()) {
        try {
            rasshost::use_registry_file(options.registry);
        } catch (const rasshost::RegistryFileError& error) {
            throw UsageError(fmt::format("--registry: {}", error.what()));
        }
    }
    if (options.dll.empty()) options.dll = rasshost::registered_security_dll().value_or("");  // docs/decisions.md#choosing-the-dll
    if (options.dll.empty()) throw UsageError("--dll PATH is required");
    if (options.ports.empty()) throw UsageError("at least one --port SPEC is required");
    if (options.transcript_input == TranscriptInput::plain && options.transcript.empty())
        throw UsageError("--transcript-input plain needs --transcript FILE");
    check_isolation_options(options);
}

}  // namespace

Options parse_command_line(const std::vector<std::string_view>& arguments) {
    Options options;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string_view option = arguments[i];
        std::string_view value;
        bool inline_value = false;
        if (const auto eq = option.find('='); option.starts_with("--") && eq != std::string_view::npos) {
            value = option.substr(eq + 1);
            option = option.substr(0, eq);
            inline_value = true;
        }
        auto take_value = [&]() -> std::string_view {
            if (inline_value) return value;
            if (i + 1 >= arguments.size()) throw UsageError(fmt::format("{} needs a value", option));
            return arguments[++i];
        };
        auto no_value = [&] {
            if (inline_value) throw UsageError(fmt::format("{} takes no value", option));
        };
        if (!parse_dialog_option(option, take_value, no_value, options) && !parse_limit(option, take_value, options) &&
            !parse_output_option(option, take_value, options) &&
            !parse_emulation_option(option, take_value, options) &&
            !parse_isolation_option(option, take_value, no_value, options) && !parse_action(option, no_value, options))
            throw UsageError(fmt::format("unknown option \"{}\" (see --help)", option));
    }
    complete(options);
    return options;
}

std::string usage_text() {
    return R"(usage: rasshost-serve --dll PATH --port SPEC [--port SPEC ...] [options]
       rasshost-serve --config FILE [options]

Runs a RAS security DLL's dialog with each remote user who calls in on the
given ports. Each finished dialog prints its verdict line and an audit line
(time, port, peer address, HPORT, user, domain, verdict, error, duration).

  --config FILE           options from FILE, one per line ("dll /path/x.so", "once",
                          '#' comments), before the command line's, which override
                          them (/etc/rasshost/rasshost-serve.conf under systemd)
  --dll PATH              the security DLL (.so here, .dll on Windows); the default
                          is the registry's DLLPath under
                          HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\RAS\SecurityHost.
                          POSIX: a NAME without '/' that is not in the current
                          directory or LD_LIBRARY_PATH is looked for in the installed
                          DLL directory, lib/<multiarch>/rasshost beside bin/
                          (/usr/lib/<multiarch>/rasshost from the Debian packages),
                          as NAME, then libNAME.so without any .dll:
                          --dll password_security loads libpassword_security.so
  --registry FILE         POSIX: the registry the host and its DLL read, a .reg file
                          as regedit exports it; loaded if it exists, and saved back
                          after each change (default: an empty registry)
  --port SPEC             where calls come from; repeat for more ports:
                            serial:/dev/ttyS0,baud=9600,parity=none,data=8,stop=1,flow=rtscts
                            pty            a pseudo-terminal; attach with screen or picocom
                            pty:link=/tmp/ttyRAS   ... and publish it under that name
                            tcp:127.0.0.1:2323     each connection is one call (telnet, nc)
                            stdio          this terminal is the remote user's terminal
                            systemd        the tcp sockets a systemd .socket unit passes
  --drive C:=DIR          where a drive of the DLL's Windows paths (C:\ACME\USERS.TXT)
                          leads; repeat for more drives. Z: is / unless set, C: (where
                          C:\WINDOWS and its INI files are) is unmapped unless set.
                          POSIX only: on Windows the drives are the system's
  --on-success CMD        after SUCCESS, hand the line to CMD (run by /bin/sh, the line
                          its stdin and stdout, RASSHOST_USER, RASSHOST_DOMAIN,
                          RASSHOST_PORT, RASSHOST_PEER set), e.g. pppd; the line is hung
                          up and End called when CMD ends (POSIX)
  --once                  serve exactly one dialog, then exit with its verdict:
                            0 SUCCESS, 1 FAILURE, 2 ERROR or aborted (hang-up, timeout)
  --dialog-timeout SECS   end a dialog without a verdict after SECS (0 = never; default 120)
  --fail-delay SECS       after a FAILURE verdict and its last output, hold the line SECS
                          before hanging up; input meanwhile is discarded (0..600; default 3)
  --max-dialogs N         dialogs at once over all ports; a tcp call past it gets one line
                          and is closed (0 = no cap; default 100)
  --max-dialogs-per-source N
                          the same for the calls of one source: an IPv4 address or an IPv6
                          /64 (0 = no cap; default 10)
  --max-failures N        failures of one source within --failure-window that refuse its tcp
                          calls for a penalty (0 = no penalties, at most 100; default 5): a
                          FAILURE verdict, a dialog timeout, a hang-up after a prompt
  --failure-window SECS   the window of --max-failures (1..604800; default 60)
  --penalty SECS          the first penalty; each repeat doubles it (1..604800; default 30)
  --max-penalty SECS      the longest penalty; a source with no failure and no penalty this
                          long is forgotten (1..604800; default 600). At most 10000 sources
                          are remembered; past it, the oldest not under penalty gives way
  --send-buffer N         bytes of the DLL's send buffer, 1..65535 (default 1500)
  --recv-buffer N         bytes of the DLL's receive buffer, 1..65535 (default 1500)
  --ansi-code-page N      the ANSI code page of the DLL's ...A calls: 1252, 437 or
                          65001 (UTF-8) (default 1252; on Windows the system's)
  --transcript FILE       append every dialog's bytes to FILE (created mode 0600; a
                          symbolic link is refused); typed bytes show as '*', and so
                          does the DLL's echo of them (received bytes are never logged)
  --transcript-input MODE masked (default) or plain: typed input and its echo as
                          typed, passwords included -- for debugging a DLL on a
                          test line only (a warning is logged)
  --log-level LEVEL       trace, debug, info, warning or error (default info)
  --log auto|syslog|plain each line's syslog priority as a "<N>" prefix: syslog always,
                          plain never, auto (default) when the stream is the journal
                          (JOURNAL_STREAM, under systemd)
  --windows-version V     the Windows version GetVersionExA reports to the DLL (POSIX), as
                          MAJOR.MINOR.BUILD[-spN][-workstation|-server|-dc]
                          (default 5.0.2195-sp4-server: Windows 2000 Server SP4)
  --isolate               run each dialog's DLL in a process of its own (POSIX):
                          a DLL that crashes ends only its own dialog
  --user NAME             with --isolate, run as root: the dialogs' processes run as
                          NAME, and the host becomes NAME once its ports are open
  --list-ports            list this machine's serial ports and exit
  --help                  this text
  --version               the version

Exit status: with --once as above; otherwise 0 after SIGINT/SIGTERM (every live
dialog is ended first); 64 for a usage error; 2 when the host cannot start.

Example:
  rasshost-serve --dll ./libpassword_security.so --port tcp:127.0.0.1:2323 --once
)";
}

void apply_limits(const Options& options, HostOptions& host_options) {
    host_options.dialog_timeout = options.dialog_timeout;
    host_options.fail_delay = options.fail_delay;
    auto& limits = host_options.limits;
    limits.max_dialogs = options.max_dialogs;
    limits.max_dialogs_per_source = options.max_dialogs_per_source;
    limits.max_failures = options.max_failures;
    limits.failure_window = options.failure_window;
    limits.penalty = options.penalty;
    limits.max_penalty = options.max_penalty;
}

}  // namespace rasshost::serve
