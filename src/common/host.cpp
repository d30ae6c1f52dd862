// SecurityHost: owns the listeners and the live dialogs of one security
// DLL, accepts calls, and reports each dialog's outcome.
#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>

#include "common/accept_error.hpp"
#include "common/call_admission.hpp"
#include "common/dialog.hpp"
#include "common/dialog_registry.hpp"
#include "common/event_log_route.hpp"
#include "common/host_context.hpp"
#include "common/security_dll.hpp"

#include <asio/error.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace rasshost {

std::string_view to_string(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::trace: return "trace";
        case LogLevel::debug: return "debug";
        case LogLevel::info: return "info";
        case LogLevel::warning: return "warning";
        case LogLevel::error: return "error";
    }
    return "info";
}

namespace {

struct ListenerSlot {
    explicit ListenerSlot(asio::io_context& io) : retry(io) {}
    std::unique_ptr<PortListener> listener;
    // Made with the slot: an accept that failed for lack of descriptors or
    // memory is retried without allocating anything.
    asio::steady_timer retry;
    // A line that carries one call at a time keeps one buffer pair for its
    // lifetime (see dialog_buffers.hpp); made with its first dialog.
    std::shared_ptr<DialogBuffers> line_buffers;
    std::size_t calls_left = SIZE_MAX;
    std::size_t active = 0;
    bool accepting = false;
};

void validate_limits(const CallLimits& limits) {
    if (limits.max_failures > 100) throw HostError("max failures must be 0..100");
    if (limits.max_failures == 0) return;
    if (limits.failure_window.count() < 1 || limits.penalty.count() < 1)
        throw HostError("the failure window and the penalty must be at least 1 s");
    if (limits.max_penalty < limits.penalty) throw HostError("the maximum penalty must not be less than the penalty");
    if (limits.max_sources < 1) throw HostError("at least one source must be remembered");
}

void validate(const HostOptions& options) {
    auto check_size = [](std::size_t size, const char* name) {
        if (size < 1 || size > 65535)
            throw HostError(fmt::format("{} must be 1..65535 bytes, not {}", name, size));
    };
    check_size(options.send_buffer_size, "send buffer");
    check_size(options.receive_buffer_size, "receive buffer");
    if (options.input_queue_limit < 1) throw HostError("input queue limit must be at least 1 byte");
    if (options.output_queue_limit < 65535) throw HostError("output queue limit must be at least 65535 bytes");
    if (options.dialog_timeout.count() < 0 || options.end_grace_period.count() < 0 ||
        options.flush_timeout.count() < 0)
        throw HostError("timeouts must not be negative");
    if (options.fail_delay.count() < 0) throw HostError("the failure delay must not be negative");
    validate_limits(options.limits);
}

const HostOptions& validated(const HostOptions& options) {
    validate(options);
    return options;
}

}  // namespace

struct SecurityHost::State : std::enable_shared_from_this<State> {
    asio::io_context& io;
    std::shared_ptr<HostContext> context = std::make_shared<HostContext>();
    HMODULE module = nullptr;

    std::mutex mutex;
    std::condition_variable all_finished;
    std::unordered_map<std::uintptr_t, std::shared_ptr<Dialog>> live;
    std::unordered_map<std::uintptr_t, std::shared_ptr<ListenerSlot>> slot_of;
    std::vector<std::shared_ptr<ListenerSlot>> listeners;
    bool shutting_down = false;
    bool shut_down = false;

    CallAdmission admission;
    // While the host runs, a DLL's ReportEvent lines go to its log.
    std::unique_ptr<EventLogRoute> event_log_route;

    State(asio::io_context& io_context, const HostOptions& options)
        : io(io_context),
          admission(options.limits, [log = options.on_log](LogLevel level, const std::string& line) {
              if (log) log(level, line);
          }) {}

    // Checks the options and the entry points, and points the context's
    // callbacks back at the state (weakly: the SecurityHost owns it).
    static std::shared_ptr<State> create(asio::io_context& io, SecurityDll dll, HostOptions options) {
        auto state = std::make_shared<State>(io, validated(options));
        if (dll.begin == nullptr || dll.end == nullptr) throw HostError("security DLL entry points must not be null");
        state->context->dll = dll;
        state->context->options = std::move(options);
        if (state->context->options.on_log)
            state->event_log_route = std::make_unique<EventLogRoute>(state->context->options.on_log);
        state->context->on_finished = [weak = std::weak_ptr<State>(state)](const std::shared_ptr<Dialog>& dialog,
                                                                           const DialogOutcome& outcome) {
            if (auto locked = weak.lock()) locked->finished(dialog, outcome);
        };
        // A FAILURE counts when it is given, not when the failure delay is over.
        state->context->on_failure = [weak = std::weak_ptr<State>(state)](const std::string& peer) {
            if (auto locked = weak.lock()) locked->admission.failure(peer, "FAILURE verdict");
        };
        return state;
    }

    // Over a loaded DLL file: the module is freed at shutdown.
    static std::shared_ptr<State> create(asio::io_context& io, const LoadedSecurityDll& loaded, HostOptions options) {
        auto state = create(io, loaded.entry_points, std::move(options));
        state->module = loaded.module;
        return state;
    }

    static std::uintptr_t key(HPORT port) { return reinterpret_cast<std::uintptr_t>(port); }

    HPORT start(std::unique_ptr<Port> port, std::shared_ptr<ListenerSlot> slot) {
        const HPORT hport = allocate_hport();
        const std::string device = port->device_name();
        const std::string peer = port->peer_address();
        auto dialog = std::make_shared<Dialog>(context, std::move(port), hport, buffers_for(slot.get()));
        std::size_t in_flight = 0;
        {
            std::lock_guard lock(mutex);
            live.emplace(key(hport), dialog);
            if (slot) slot_of.emplace(key(hport), std::move(slot));
            in_flight = live.size();
        }
        if (context->options.on_dialog_started) {
            DialogOutcome started;
            started.port = hport;
            started.device = device;
            started.peer = peer;
            started.started = std::chrono::system_clock::now();
            context->options.on_dialog_started(started);
        }
        if (context->options.on_dialogs_in_flight) context->options.on_dialogs_in_flight(in_flight);
        register_dialog(hport, dialog);
        // The Linux host of a Windows host under Wine tracks dialogs by this line (wine_host_output.cpp).
        context->log(LogLevel::debug, "port {}: dialog started on {} peer={}", static_cast<const void*>(hport), device,
                     peer.empty() ? std::string("-") : peer);
        dialog->start();
        return hport;
    }

    std::shared_ptr<DialogBuffers> buffers_for(ListenerSlot* slot) {
        const auto& options = context->options;
        if (slot == nullptr || slot->listener->max_concurrent() != 1)
            return context->quarantine.take(options.send_buffer_size, options.receive_buffer_size);
        // Only the dialog that ended touched them; a late worker of it may still.
        if (!slot->line_buffers)
            slot->line_buffers =
                std::make_shared<DialogBuffers>(options.send_buffer_size, options.receive_buffer_size, true);
        else
            slot->line_buffers->wipe();
        return slot->line_buffers;
    }

    void accept_next(const std::shared_ptr<ListenerSlot>& slot) {
        {
            std::lock_guard lock(mutex);
            if (shutting_down || slot->accepting || slot->calls_left == 0 ||
                slot->active >= slot->listener->max_concurrent())
                return;
            slot->accepting = true;
        }
        slot->listener->async_accept(
            [self = shared_from_this(), slot](const std::error_code& error, std::unique_ptr<Port> port) {
                {
                    std::lock_guard lock(self->mutex);
                    slot->accepting = false;
                }
                if (error) return self->accept_failed(slot, error);
                self->accepted(slot, std::move(port));
            });
    }

    // A call: refused (one line, then closed; no dialog, the DLL never sees
    // it) or started. Either way the listener accepts the next one at once.
    void accepted(const std::shared_ptr<ListenerSlot>& slot, std::unique_ptr<Port> port) {
        const std::string peer = port->peer_address();
        if (const auto refusal = admission.admit(peer)) {
            refuse_call(std::move(port), *refusal);
            return accept_next(slot);
        }
        bool last_call = false;
        {
            std::lock_guard lock(mutex);
            ++slot->active;
            last_call = --slot->calls_left == 0;
        }
        if (last_call) slot->listener->close();
        start(std::move(port), slot);
        accept_next(slot);
    }

    void accept_failed(const std::shared_ptr<ListenerSlot>& slot, const std::error_code& error) {
        if (error == asio::error::operation_aborted) return;
        // Out of file descriptors or memory (a flood of TCP connections):
        // the listener is fine, accept again later instead of going deaf.
        const bool transient = transient_accept_error(error);
        context->log(LogLevel::error, "{}: {}{}", slot->listener->description(), error.message(),
                     transient ? " (accepting again in 1 s)" : "");
        if (!transient) return;  // the listener is broken; the other listeners go on
        slot->retry.expires_after(accept_retry_delay);
        slot->retry.async_wait([self = shared_from_this(), slot](const std::error_code& wait_error) {
            if (!wait_error) self->accept_next(slot);
        });
    }

    void finished(const std::shared_ptr<Dialog>& dialog, const DialogOutcome& outcome) {
        std::shared_ptr<ListenerSlot> slot;
        std::size_t in_flight = 0;
        {
            std::lock_guard lock(mutex);
            live.erase(key(dialog->hport()));
            in_flight = live.size();
            if (auto it = slot_of.find(key(dialog->hport())); it != slot_of.end()) {
                slot = std::move(it->second);
                slot_of.erase(it);
                --slot->active;
            }
        }
        if (slot) admission.release(outcome.peer);
        if (const auto what = CallAdmission::failed_attempt(outcome)) admission.failure(outcome.peer, what);
        context->log(LogLevel::info, "{}: {} user \"{}\" domain \"{}\" error {} ({})", log_escape(outcome.device),
                     to_string(outcome.verdict), log_escape(outcome.user), log_escape(outcome.domain), outcome.error,
                     outcome.reason);
        if (context->options.on_outcome) context->options.on_outcome(outcome);
        if (context->options.on_dialogs_in_flight) context->options.on_dialogs_in_flight(in_flight);
        {
            std::lock_guard lock(mutex);
            if (live.empty()) all_finished.notify_all();
        }
        if (slot) accept_next(slot);
    }
};

SecurityHost::SecurityHost(asio::io_context& io, SecurityDll dll, HostOptions options)
    : state_(State::create(io, dll, std::move(options))) {}

// The DLL is loaded before the options are checked, so a missing DLL is
// the error reported first.
SecurityHost::SecurityHost(asio::io_context& io, const std::filesystem::path& dll_path, HostOptions options)
    : state_(State::create(io, load_security_dll(dll_path), std::move(options))) {}

SecurityHost::~SecurityHost() {
    shutdown();
    state_->event_log_route.reset();  // now, even if queued work keeps the state a little longer
}

void SecurityHost::serve(std::unique_ptr<PortListener> listener, std::size_t max_calls) {
    if (!listener) throw std::invalid_argument("serve: null listener");
    if (max_calls == 0) return;
    auto slot = std::make_shared<ListenerSlot>(state_->io);
    slot->listener = std::move(listener);
    slot->calls_left = max_calls;
    state_->context->log(LogLevel::info, "listening on {}", slot->listener->description());
    if (slot->listener->listens_on_all_interfaces())
        state_->context->log(LogLevel::warning,
                             "{} listens on all interfaces: passwords cross the network in clear; bind it to "
                             "127.0.0.1 or a private network, or reach it through a tunnel (ssh -L, stunnel)",
                             slot->listener->description());
    {
        std::lock_guard lock(state_->mutex);
        if (state_->shutting_down) return;
        state_->listeners.push_back(slot);
    }
    asio::post(state_->io, [state = state_, slot] { state->accept_next(slot); });
}

HPORT SecurityHost::start_dialog(std::unique_ptr<Port> port) {
    if (!port) throw std::invalid_argument("start_dialog: null port");
    return state_->start(std::move(port), nullptr);
}

void SecurityHost::shutdown() {
    auto& state = *state_;
    {
        std::lock_guard lock(state.mutex);
        if (state.shut_down) return;
        state.shutting_down = true;
    }
    asio::post(state.io, [state = state_] {
        std::vector<std::shared_ptr<Dialog>> dialogs;
        {
            std::lock_guard lock(state->mutex);
            for (auto& slot : state->listeners) {
                slot->listener->close();
                slot->retry.cancel();
            }
            for (auto& [key, dialog] : state->live) dialogs.push_back(dialog);
        }
        for (auto& dialog : dialogs) dialog->abort_for_shutdown();
    });
    // Every dialog gets its End and, if it asks, its grace period; a DLL
    // that never returns from End does not hold the host forever.
    const auto& options = state.context->options;
    const auto bound = options.flush_timeout + options.end_grace_period + std::chrono::seconds(10);
    bool all_ended = false;
    {
        std::unique_lock lock(state.mutex);
        all_ended = state.all_finished.wait_for(lock, bound, [&] { return state.live.empty(); });
        state.shut_down = true;
    }
    // Both threads are stopped, even if the first does not end in time.
    const bool begin_ended = state.context->begin_thread.stop(std::chrono::seconds(5));
    const bool end_ended = state.context->end_thread.stop(std::chrono::seconds(5));
    const bool threads_ended = begin_ended && end_ended;
    // A DLL thread still inside a rasman call may hold a finished dialog for
    // a moment; its destruction must not come after the io_context's.
    const bool objects_gone = state.context->wait_objects_gone(std::chrono::seconds(5));
    if (!all_ended || !threads_ended || !objects_gone) {
        state.context->log(LogLevel::error, "shutdown: the security DLL did not finish in time; it stays loaded");
        return;  // unloading code that still runs would crash
    }
    if (state.module != nullptr) {
        FreeLibrary(state.module);
        state.module = nullptr;
    }
}

std::size_t SecurityHost::live_dialogs() const {
    std::lock_guard lock(state_->mutex);
    return state_->live.size();
}

const HostOptions& SecurityHost::options() const noexcept { return state_->context->options; }

}  // namespace rasshost
