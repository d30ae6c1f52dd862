// The child side of --isolate: this process was exec'd by the host with the
// caller's line as descriptor 3 (lent: the host hangs it up after us). It loads the DLL, runs exactly one
// dialog on that line, writes the outcome to descriptor 4 and exits. On
// SIGTERM (the host shutting down) the dialog is ended with End as usual.
#include "isolate.hpp"

#include <rasshost/isolation.hpp>
#include <rasshost/listeners.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/signal_set.hpp>

#include <fmt/format.h>

#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <thread>

namespace rasshost::serve {
namespace {

namespace iso = rasshost::isolation;

struct Done {
    std::mutex mutex;
    std::condition_variable changed;
    bool done = false;
    bool reported = false;

    void finish(bool with_report) {
        std::lock_guard lock(mutex);
        reported |= with_report;
        done = true;
        changed.notify_all();
    }
    void wait() {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return done; });
    }
};

iso::Report report_of(const DialogOutcome& outcome) {
    return {outcome.verdict, outcome.error,         outcome.user,      outcome.domain,
            outcome.reason,  outcome.bytes_received, outcome.bytes_sent, outcome.bytes_dropped};
}

bool report_failure(const std::string& why) {
    iso::Report report;
    report.reason = why;
    return iso::send_report(report);
}

}  // namespace

int run_isolated_child(const Options& options, HostOptions host_options) {
    Done done;
    host_options.on_outcome = [&](const DialogOutcome& outcome) { done.finish(iso::send_report(report_of(outcome))); };
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::unique_ptr<SecurityHost> host;
    try {
        host = std::make_unique<SecurityHost>(io, std::filesystem::path(options.dll), host_options);
        host->start_dialog(adopt_port(io, parse_port_spec(options.isolated_port), *options.isolated_child));
    } catch (const std::exception& error) {
        if (host_options.on_log) host_options.on_log(LogLevel::error, error.what());
        report_failure(fmt::format("dialog process: {}", error.what()));
        return exit_error;
    }
    {
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const std::error_code& error, int) {
            if (!error) done.finish(false);
        });
        std::thread io_thread([&] { io.run(); });
        done.wait();
        host->shutdown();  // after a signal: End for the dialog, whose outcome is then reported
        signals.cancel();
        work.reset();
        io.stop();
        io_thread.join();
    }
    // Reported: the host's SIGTERM, if it comes now, must not turn the exit into a kill.
    std::signal(SIGTERM, SIG_IGN);
    std::signal(SIGINT, SIG_IGN);
    std::lock_guard lock(done.mutex);
    return done.reported ? exit_success : exit_error;
}

}  // namespace rasshost::serve
