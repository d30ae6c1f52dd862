// rasshost-serve: the command-line RAS security host. Loads a security DLL,
// listens on the given ports and runs one dialog per call, printing a
// verdict line and an audit line per finished dialog (report.hpp). See
// options.cpp for the command line.
#include "config_file.hpp"
#include "foreign_dll.hpp"
#include "installed_dll.hpp"
#include "isolate.hpp"
#include "on_success.hpp"
#include "options.hpp"
#include "report.hpp"
#include "service_ports.hpp"
#include "windows_dll.hpp"

#include <rasshost/append_only_file.hpp>
#include <rasshost/audit.hpp>
#include <rasshost/code_page.hpp>
#include <rasshost/drives.hpp>
#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>
#include <rasshost/log_escape.hpp>
#include <rasshost/port_spec.hpp>
#include <rasshost/process.hpp>
#include <rasshost/serial.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace serve = rasshost::serve;
using rasshost::LogLevel;

namespace {

int exit_code_for(rasshost::Verdict verdict) {
    switch (verdict) {
        case rasshost::Verdict::success: return serve::exit_success;
        case rasshost::Verdict::failure: return serve::exit_failure;
        default: return serve::exit_error;
    }
}

int list_ports() {
    const auto ports = rasshost::list_serial_ports();
    if (ports.empty()) fmt::print("no serial ports found\n");
    for (const auto& port : ports) {
        std::string usb;
        if (port.usb_vendor_id && port.usb_product_id)
            usb = fmt::format("  usb {:04x}:{:04x}", *port.usb_vendor_id, *port.usb_product_id);
        if (!port.usb_serial.empty()) usb += fmt::format(" serial {}", rasshost::log_escape(port.usb_serial));
        fmt::print("{}  driver {}{}{}{}\n", port.device, port.driver.empty() ? "?" : port.driver, usb,
                   port.description.empty() ? "" : "  ", rasshost::log_escape(port.description));
        for (const auto& name : port.names) fmt::print("    {}\n", rasshost::log_escape(name));
    }
    return serve::exit_success;
}

// What the main thread waits for: the --once dialog's verdict or a signal.
struct StopSignal {
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<int> exit_code;

    void stop(int code) {
        std::lock_guard lock(mutex);
        if (!exit_code) exit_code = code;
        changed.notify_all();
    }
    int wait() {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return exit_code.has_value(); });
        return *exit_code;
    }
};

// Where a dialog's lines go: verdict and audit lines to stdout (stderr when
// stdout carries a stdio line), log lines to stderr, and the transcript.
struct Output {
    Output(const serve::Options& options, bool uses_stdio)
        : report(uses_stdio ? stderr : stdout, uses_stdio ? "stderr" : "stdout",
                 serve::wants_priorities(options.log_priorities, uses_stdio ? 2 : 1)),
          log(stderr, "stderr", serve::wants_priorities(options.log_priorities, 2)) {
        if (options.transcript.empty()) return;
        try {
            transcript.emplace(std::filesystem::path(options.transcript));
        } catch (const rasshost::FileOpenError& error) {
            throw rasshost::HostError(fmt::format("--transcript: cannot open {}", error.what()));
        }
    }

    std::mutex mutex;  // one line at a time, whoever writes it
    serve::LineWriter report;
    serve::LineWriter log;
    std::optional<rasshost::AppendOnlyFile> transcript;
    bool transcript_failed = false;  // a failed append was reported once
};

// One transcript record: "TIME HPORT KIND TEXT", KIND ">" (the DLL sent),
// "<" (it received), "open" or "close" (docs/rasshost-serve.md#the-transcript).
void transcribe(Output& output, HPORT port, std::string_view kind, std::string_view text) {
    const auto line = fmt::format("{} {} {} {}\n", rasshost::rfc3339_utc(std::chrono::system_clock::now()),
                                  static_cast<const void*>(port), kind, text);
    std::lock_guard lock(output.mutex);
    if (!output.transcript->append(line) && !std::exchange(output.transcript_failed, true))
        fmt::print(stderr, "rasshost-serve: {}: cannot write to the transcript file\n",
                   rasshost::to_string(LogLevel::warning));
}

void report_to(Output& output, const serve::Options& options, StopSignal& stop, rasshost::HostOptions& host_options) {
    host_options.on_log = [&output, threshold = options.log_level](LogLevel level, std::string_view line) {
        if (level < threshold) return;
        std::lock_guard lock(output.mutex);
        output.log.write(fmt::format("rasshost-serve: {}: {}\n", rasshost::to_string(level), line),
                         serve::syslog_priority(level));
    };
    // With --isolate the dialogs' processes write their transcripts, and the
    // outcome here names a process, not the dialog's HPORT: no close record.
    const bool close_records = output.transcript && !options.isolate;
    host_options.on_outcome = [&output, &stop, once = options.once, close_records](const rasshost::DialogOutcome& outcome) {
        {
            std::lock_guard lock(output.mutex);
            output.report.write(serve::verdict_line(outcome) + serve::audit_line(outcome), serve::notice_priority);
        }
        if (close_records)
            transcribe(output, outcome.port, "close",
                       fmt::format("{} error {} ({})", rasshost::to_string(outcome.verdict), outcome.error,
                                   rasshost::log_escape(outcome.reason)));
        if (once) stop.stop(exit_code_for(outcome.verdict));
    };
    if (!output.transcript) return;
    host_options.transcript_input = options.transcript_input;
    host_options.on_transcript = [&output](HPORT port, bool from_remote, std::string_view bytes) {
        transcribe(output, port, from_remote ? "<" : ">", rasshost::log_escape(bytes));
    };
    host_options.on_dialog_started = [&output](const rasshost::DialogOutcome& started) {
        transcribe(output, started.port, "open",
                   fmt::format("{} peer={}", rasshost::log_escape(started.device),
                               started.peer.empty() ? std::string("-") : rasshost::log_escape(started.peer)));
    };
    if (options.transcript_input == rasshost::TranscriptInput::plain)
        host_options.on_log(LogLevel::warning, "--transcript-input plain: passwords and codes typed by "
                                               "remote users are written to the transcript in clear");
}

// Opens every port and serves until the --once dialog ends or a signal
// comes; then ends every live dialog. The exit code.
int serve_ports(const serve::Options& options, const std::vector<std::string_view>& arguments,
                const std::vector<rasshost::PortSpec>& specs, const rasshost::HostOptions& host_options,
                StopSignal& stop) {
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::optional<serve::OnSuccess> on_success;  // --on-success: lines handed over after SUCCESS
    rasshost::HostOptions options_here = host_options;
    if (!options.on_success.empty()) {
        on_success.emplace(io, options.on_success, host_options.on_log);
        options_here.hand_over = [&on_success](const rasshost::DialogOutcome& verdict, std::intptr_t line,
                                               std::function<void()> done) {
            on_success->hand_over(verdict, line, std::move(done));
        };
    }
    auto host = serve::make_dialog_host(io, options, arguments, options_here);  // --isolate: isolate.cpp
    std::vector<std::pair<std::unique_ptr<rasshost::PortListener>, rasshost::PortSpec>> listeners;
    for (const auto& spec : specs) listeners.emplace_back(rasshost::open_listener(io, spec), spec);
    if (std::find(options.ports.begin(), options.ports.end(), serve::systemd_port) != options.ports.end())
        for (auto& passed : serve::passed_listeners(io)) listeners.push_back(std::move(passed));
    for (auto& [listener, spec] : listeners) {
        host_options.on_log(LogLevel::info, fmt::format("ready: {}", listener->description()));
        host->serve(std::move(listener), options.once ? 1 : SIZE_MAX, spec);
    }
    host->ports_open();
    serve::notify_ready(listeners.size());

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const std::error_code& error, int number) {
        if (error) return;
        host_options.on_log(LogLevel::info, fmt::format("signal {}: shutting down", number));
        stop.stop(options.once ? serve::exit_error : serve::exit_success);
    });
    std::thread io_thread([&] { io.run(); });

    const int code = stop.wait();
    serve::notify_stopping();
    if (on_success) on_success->stop_all();  // their lines hung up: each dialog then ends
    host->shutdown();  // End for every live dialog; terminals restored as ports close
    signals.cancel();
    work.reset();
    io.stop();
    io_thread.join();
    return code;
}

int run(const serve::Options& options, const std::vector<std::string_view>& arguments) {
    rasshost::ignore_broken_pipe_signal();  // a dead log reader must not kill the server
    rasshost::end_process_on_crash("rasshost-serve");  // and a crashed DLL must not leave it hanging
    if (!options.dll.empty() && !options.isolated_child) {
        const std::string file = serve::local_dll_file(options);
        if (const auto image = serve::check_windows_dll(file))
            if (const auto code = serve::serve_foreign_dll(options, arguments, *image, file)) return *code;
    }
    // Before the DLL is loaded: strings it converts later use this code page.
    if (!options.on_success.empty() && !serve::on_success_supported())
        throw serve::UsageError("--on-success: not supported on Windows");
    if (options.ansi_code_page && !rasshost::set_ansi_code_page(*options.ansi_code_page))
        throw serve::UsageError(fmt::format("--ansi-code-page: {} is not this system's ANSI code page",
                                            *options.ansi_code_page));
    for (const auto& drive : options.drives)
        if (!rasshost::map_drive_option(drive))
            fmt::print(stderr, "rasshost-serve: --drive {} ignored: on Windows the drives are the system's\n", drive);
    std::vector<rasshost::PortSpec> specs;
    bool uses_stdio = false;
    for (const auto& text : options.ports) {
        if (text == serve::systemd_port) continue;  // the sockets systemd passes: serve_ports
        specs.push_back(rasshost::parse_port_spec(text));  // PortSpecError -> usage error
        uses_stdio |= std::holds_alternative<rasshost::StdioSettings>(specs.back());
    }
    Output output(options, uses_stdio);
    StopSignal stop;
    if (options.windows_version) rasshost::set_system_version(*options.windows_version);
    rasshost::HostOptions host_options;
    serve::apply_limits(options, host_options);
    host_options.send_buffer_size = options.send_buffer;
    host_options.receive_buffer_size = options.receive_buffer;
    report_to(output, options, stop, host_options);
    host_options.on_dialogs_in_flight = serve::notify_in_flight;
    if (options.isolated_child) return serve::run_isolated_child(options, host_options);
    return serve_ports(options, arguments, specs, host_options, stop);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words;  // --config's file read in front of the command line
    std::vector<std::string_view> arguments;
    serve::Options options;
    try {
        words = serve::with_config_file(std::vector<std::string_view>(argv + 1, argv + argc));
        arguments.assign(words.begin(), words.end());
        options = serve::parse_command_line(arguments);
        options.dll = serve::installed_dll_file(options.dll);
    } catch (const serve::UsageError& error) {
        fmt::print(stderr, "rasshost-serve: {}\n", error.what());
        return serve::exit_usage;
    }
    if (options.help) {
        fmt::print("{}", serve::usage_text());
        return serve::exit_success;
    }
    if (options.version) {
        fmt::print("rasshost-serve {}\n", RASSHOST_VERSION_STRING);
        return serve::exit_success;
    }
    try {
        if (options.list_ports) return list_ports();
        return run(options, arguments);
    } catch (const rasshost::PortSpecError& error) {
        fmt::print(stderr, "rasshost-serve: --port: {}\n", error.what());
        return serve::exit_usage;
    } catch (const serve::UsageError& error) {  // found once the DLL or the system is known
        fmt::print(stderr, "rasshost-serve: {}\n", error.what());
        return serve::exit_usage;
    } catch (const std::exception& error) {
        fmt::print(stderr, "rasshost-serve: {}\n", error.what());
        return serve::exit_error;
    }
}
