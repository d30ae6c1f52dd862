// rasshost-serve --isolate: the host keeps its listeners and never loads the
// DLL. After each accept it forks and execs itself in child mode with the
// line lent as descriptor 3 (sshd's model); the child runs one dialog and
// writes its outcome to a pipe. A child that crashes or ends without a
// valid report ends only its own dialog, as ABORTED. The host keeps the
// call's Port, idle, and closes it once the child is gone: that hangs the
// line up as the in-process host would. A line that carries one call at a
// time (serial, pty, stdio) is listened on again only then.
#include "isolate.hpp"

#include "common/accept_error.hpp"     // shared with the in-process host:
#include "common/call_admission.hpp"  // its accept retry and its limits

#include <rasshost/isolation.hpp>

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <fmt/format.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace rasshost::serve {
namespace {

namespace iso = rasshost::isolation;

constexpr DWORD error_process_aborted = 1067;  // ERROR_PROCESS_ABORTED
constexpr DWORD error_dialog_timeout = 638;    // as the in-process dialog timeout
constexpr DWORD error_shutdown = 631;          // as an in-process dialog ended by shutdown

class InProcessHost final : public DialogHost {
public:
    InProcessHost(asio::io_context& io, const std::string& dll, const HostOptions& options)
        : host_(io, std::filesystem::path(dll), options) {}
    void serve(std::unique_ptr<PortListener> listener, std::size_t max_calls, const PortSpec&) override {
        host_.serve(std::move(listener), max_calls);
    }
    void shutdown() override { host_.shutdown(); }

private:
    SecurityHost host_;
};

struct Slot {
    Slot(std::unique_ptr<PortListener> listener_, std::size_t calls, std::vector<std::string> child_arguments_,
         asio::io_context& io)
        : listener(std::move(listener_)), calls_left(calls), child_arguments(std::move(child_arguments_)),
          retry(io) {}
    std::unique_ptr<PortListener> listener;
    std::size_t calls_left;
    std::vector<std::string> child_arguments;  // argv[1..] of its dialogs' processes
    asio::steady_timer retry;   // an accept that failed for lack of descriptors
    bool one_call_at_a_time() const { return listener->max_concurrent() == 1; }
};

struct Child {
    std::string device;
    std::string peer;
    std::chrono::system_clock::time_point started;
    std::unique_ptr<Port> line;  // lent to the child; closed when it is gone
    std::shared_ptr<Slot> slot;
    std::unique_ptr<asio::steady_timer> deadline;
    bool timed_out = false;
};

class IsolatingHost final : public DialogHost {
public:
    IsolatingHost(asio::io_context& io, const Options& options, const std::vector<std::string_view>& arguments,
                  const HostOptions& host_options)
        : io_(io), options_(host_options), program_(iso::own_executable()),
          admission_(host_options.limits,
                     [this](LogLevel level, const std::string& line) { log(level, line); }),
          children_(io, [this](const iso::ChildExit& exit) { ended(exit); }) {
        // The parent never loads the DLL; a missing file is still a start-up error.
        std::error_code error;
        if (!std::filesystem::is_regular_file(options.dll, error))
            throw HostError(fmt::format("cannot load security DLL {}: no such file", options.dll));
        if (!options.user.empty()) account_ = iso::resolve_account(options.user);
        arguments_ = {"--isolated-child", std::to_string(iso::child_line_fd)};
        for (auto argument : arguments) arguments_.emplace_back(argument);
    }
    ~IsolatingHost() override { shutdown(); }

    void serve(std::unique_ptr<PortListener> listener, std::size_t max_calls, const PortSpec& spec) override {
        if (max_calls == 0) return;
        // The child is told which --port its line belongs to.
        auto child_arguments = arguments_;
        child_arguments.insert(child_arguments.begin() + 2, {"--isolated-port", to_string(spec)});
        auto slot = std::make_shared<Slot>(std::move(listener), max_calls, std::move(child_arguments), io_);
        log(LogLevel::info, fmt::format("listening on {} (each dialog in a process of its own)",
                                        slot->listener->description()));
        {
            std::lock_guard lock(mutex_);
            slots_.push_back(slot);
        }
        asio::post(io_, [this, slot] { accept_next(slot); });
    }

    void ports_open() override {
        if (!account_) return;
        iso::become(*account_);
        log(LogLevel::info, fmt::format("running as {} (uid {})", account_->name, account_->uid));
    }

    void shutdown() override;

private:
    void log(LogLevel level, const std::string& line) const {
        if (options_.on_log) options_.on_log(level, line);
    }
    void accept_next(const std::shared_ptr<Slot>& slot);
    void accepted(const std::shared_ptr<Slot>& slot, std::unique_ptr<Port> port);
    void accept_failed(const std::shared_ptr<Slot>& slot, const std::error_code& error);
    bool start(const std::shared_ptr<Slot>& slot, std::unique_ptr<Port> port);
    std::int64_t spawn(const Slot& slot, std::intptr_t line);
    void ended(const iso::ChildExit& exit);
    void count_against_source(const DialogOutcome& outcome);
    DialogOutcome outcome_of(const iso::ChildExit& exit, const Child& child) const;

    asio::io_context& io_;
    HostOptions options_;
    std::filesystem::path program_;
    std::vector<std::string> arguments_;
    std::optional<iso::Account> account_;
    std::mutex mutex_;
    std::condition_variable all_ended_;
    std::map<std::int64_t, Child> live_;
    std::vector<std::shared_ptr<Slot>> slots_;
    bool shutting_down_ = false;
    bool shut_down_ = false;
    std::atomic<bool> terminating_{false};  // SIGTERM sent to the children
    CallAdmission admission_;  // caps and per-source penalties, as in-process
    iso::ChildProcesses children_;  // last: its handler uses the members above
};

void IsolatingHost::accept_next(const std::shared_ptr<Slot>& slot) {
    {
        std::lock_guard lock(mutex_);
        if (shutting_down_ || slot->calls_left == 0) return;
    }
    slot->listener->async_accept([this, slot](const std::error_code& error, std::unique_ptr<Port> port) {
        if (error == asio::error::operation_aborted) return;
        if (error) return accept_failed(slot, error);
        accepted(slot, std::move(port));
    });
}

void IsolatingHost::accepted(const std::shared_ptr<Slot>& slot, std::unique_ptr<Port> port) {
    if (--slot->calls_left == 0) slot->listener->close();
    {
        std::lock_guard lock(mutex_);
        if (shutting_down_) return;  // a call that came with the shutdown: hung up, no child
    }
    bool started = false;
    if (const auto refusal = admission_.admit(port->peer_address())) {
        refuse_call(std::move(port), *refusal);  // one line, closed: no process, no DLL
    } else {
        started = start(slot, std::move(port));
    }
    // A line that carries one call at a time is listened on again once its child is gone.
    if (!started || !slot->one_call_at_a_time()) accept_next(slot);
}

void IsolatingHost::accept_failed(const std::shared_ptr<Slot>& slot, const std::error_code& error) {
    // Out of descriptors, say: the listener is fine, accept again later.
    const bool transient = transient_accept_error(error);
    log(LogLevel::error, fmt::format("{}: {}{}", slot->listener->description(), error.message(),
                                     transient ? " (accepting again in 1 s)" : ""));
    if (!transient) return;  // the listener is broken; the other listeners go on
    slot->retry.expires_after(accept_retry_delay);
    slot->retry.async_wait([this, slot](const std::error_code& wait_error) {
        if (!wait_error) accept_next(slot);
    });
}

// True if a child now has the call.
bool IsolatingHost::start(const std::shared_ptr<Slot>& slot, std::unique_ptr<Port> port) {
    Child child{port->device_name(), port->peer_address(), std::chrono::system_clock::now(), nullptr, nullptr,
                nullptr, false};
    const auto line = port->lend_descriptor();
    if (line < 0) {
        log(LogLevel::error, fmt::format("{}: this line cannot be handed to a child process", child.device));
        admission_.release(child.peer);
        return false;
    }
    const auto pid = spawn(*slot, line);
    if (pid < 0) {
        admission_.release(child.peer);
        return false;  // the Port closes here: the caller sees a hang-up
    }
    child.line = std::move(port);
    child.slot = slot;
    log(LogLevel::debug, fmt::format("{}: dialog in process {}", child.device, pid));
    if (options_.dialog_timeout.count() > 0) {
        // The child enforces the timeout itself; this is for one that does not.
        const auto margin = options_.flush_timeout + options_.end_grace_period + std::chrono::seconds(10);
        child.deadline = std::make_unique<asio::steady_timer>(io_, options_.dialog_timeout + margin);
        child.deadline->async_wait([this, pid](const std::error_code& error) {
            if (error) return;
            {
                std::lock_guard lock(mutex_);
                if (auto it = live_.find(pid); it != live_.end()) it->second.timed_out = true;
            }
            children_.kill(pid);
        });
    }
    std::size_t in_flight = 0;
    {
        std::lock_guard lock(mutex_);
        live_.emplace(pid, std::move(child));
        in_flight = live_.size();
    }
    if (options_.on_dialogs_in_flight) options_.on_dialogs_in_flight(in_flight);
    return true;
}

// The child's pid, or -1 (logged). `line` is closed here, whatever happens.
std::int64_t IsolatingHost::spawn(const Slot& slot, std::intptr_t line) {
    try {
        return children_.spawn(program_, slot.child_arguments, line, account_ ? &*account_ : nullptr);
    } catch (const iso::IsolationError& e) {
        log(LogLevel::error,
            fmt::format("{}: cannot start the dialog's process: {}", slot.listener->description(), e.what()));
        return -1;
    }
}

DialogOutcome IsolatingHost::outcome_of(const iso::ChildExit& exit, const Child& child) const {
    DialogOutcome outcome;
    outcome.port = reinterpret_cast<HPORT>(static_cast<std::uintptr_t>(exit.pid));
    outcome.device = child.device;
    outcome.peer = child.peer;
    outcome.started = child.started;
    outcome.ended = std::chrono::system_clock::now();
    const auto report = iso::parse_report(exit.report);
    // Our own SIGTERM may find a child that already reported, on its way out.
    const bool ended_by_us = exit.signal == SIGTERM && terminating_;
    if (report && (!exit.signal || ended_by_us) && !child.timed_out) {
        outcome.verdict = report->verdict;
        outcome.error = report->error;
        outcome.user = report->user;
        outcome.domain = report->domain;
        outcome.reason = report->reason;
        outcome.bytes_received = report->bytes_received;
        outcome.bytes_sent = report->bytes_sent;
        outcome.bytes_dropped = report->bytes_dropped;
        return outcome;
    }
    outcome.verdict = Verdict::aborted;
    outcome.error = error_process_aborted;
    if (child.timed_out) {
        outcome.error = error_dialog_timeout;
        outcome.reason = "dialog timeout (process killed)";
    } else if (ended_by_us) {
        outcome.error = error_shutdown;
        outcome.reason = "shutdown (process ended by SIGTERM)";
    } else if (exit.signal) {
        outcome.reason = fmt::format("crashed ({})", iso::signal_text(*exit.signal));
    } else if (exit.report.empty()) {
        outcome.reason = fmt::format("no report (process exit {})", exit.exit_code);
    } else {
        outcome.reason = fmt::format("invalid report (process exit {})", exit.exit_code);
    }
    return outcome;
}

void IsolatingHost::ended(const iso::ChildExit& exit) {
    Child child;
    std::size_t in_flight = 0;
    {
        std::lock_guard lock(mutex_);
        auto it = live_.find(exit.pid);
        if (it == live_.end()) return;
        child = std::move(it->second);
        live_.erase(it);
        in_flight = live_.size();
    }
    if (child.deadline) child.deadline->cancel();
    if (child.line) child.line->close();  // the child is gone: the line is hung up as in-process
    const auto outcome = outcome_of(exit, child);
    // A child that reported logged its own outcome line; one that did not is the host's to log.
    if (outcome.error == error_process_aborted || child.timed_out || outcome.reason.starts_with("shutdown (process"))
        log(LogLevel::warning, fmt::format("{}: dialog process {} {}", child.device, exit.pid, outcome.reason));
    count_against_source(outcome);
    if (options_.on_outcome) options_.on_outcome(outcome);
    if (options_.on_dialogs_in_flight) options_.on_dialogs_in_flight(in_flight);
    if (child.slot && child.slot->one_call_at_a_time()) accept_next(child.slot);
    std::lock_guard lock(mutex_);
    if (live_.empty()) all_ended_.notify_all();
}

// The dialog's place is freed, and what the in-process host counts as a
// failed attempt counts here too; so does a crash, which a caller who can
// crash the DLL at will could otherwise repeat without end.
void IsolatingHost::count_against_source(const DialogOutcome& outcome) {
    admission_.release(outcome.peer);
    const char* what = CallAdmission::failed_attempt(outcome);
    if (outcome.verdict == Verdict::failure) what = "FAILURE verdict";
    if (outcome.error == error_process_aborted) what = "crashed dialog process";
    if (what != nullptr) admission_.failure(outcome.peer, what);
}

void IsolatingHost::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (shut_down_) return;
        shutting_down_ = true;
    }
    asio::post(io_, [this] {
        std::lock_guard lock(mutex_);
        for (auto& slot : slots_) {
            slot->retry.cancel();
            slot->listener->close();
        }
    });
    // Each child ends its dialog (End, grace period) on SIGTERM and reports.
    terminating_ = true;
    children_.terminate_all();
    const auto bound = options_.flush_timeout + options_.end_grace_period + std::chrono::seconds(10);
    std::unique_lock lock(mutex_);
    if (!all_ended_.wait_for(lock, bound, [&] { return live_.empty(); })) {
        for (const auto& [pid, child] : live_) children_.kill(pid);
        all_ended_.wait_for(lock, std::chrono::seconds(5), [&] { return live_.empty(); });
    }
    shut_down_ = true;
}

}  // namespace

std::unique_ptr<DialogHost> make_dialog_host(asio::io_context& io, const Options& options,
                                             const std::vector<std::string_view>& arguments,
                                             const HostOptions& host_options) {
    if (options.isolate) return std::make_unique<IsolatingHost>(io, options, arguments, host_options);
    return std::make_unique<InProcessHost>(io, options.dll, host_options);
}

}  // namespace rasshost::serve
