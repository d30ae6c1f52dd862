// What every dialog of one host shares: the DLL's entry points, the options,
// the two DLL-call threads, and the way back to the host when it ends.
#pragma once

#include "common/call_thread.hpp"
#include "common/dialog_buffers.hpp"

#include <rasshost/host.hpp>

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace rasshost {

class Dialog;

struct HostContext {
    SecurityDll dll;
    HostOptions options;
    CallThread begin_thread;  // Begin calls, serialized (docs/decisions.md#begin-threading)
    CallThread end_thread;    // End calls, so a slow End never delays a Begin
    BufferQuarantine quarantine;  // finished dialogs' buffers, for the DLL's late writes
    // Called once per dialog, on its strand, when it is over.
    std::function<void(const std::shared_ptr<Dialog>&, const DialogOutcome&)> on_finished;
    // Called once per FAILURE verdict, with the caller's address, when the
    // verdict is acted on (before the failure delay).
    std::function<void(const std::string& peer)> on_failure;

    // Dialog objects not yet destroyed. A DLL thread inside Send/Receive/
    // GetInfo holds its dialog, so the last reference may go on that thread,
    // after the dialog finished; shutdown waits for the count to reach 0 so
    // that no dialog (timers, strand, port) is destroyed after the
    // io_context it belongs to.
    std::mutex objects_mutex;
    std::condition_variable objects_gone;
    std::size_t objects = 0;

    bool wait_objects_gone(std::chrono::milliseconds bound) {
        std::unique_lock lock(objects_mutex);
        return objects_gone.wait_for(lock, bound, [&] { return objects == 0; });
    }

    template <class... Args>
    void log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) const {
        if (options.on_log) options.on_log(level, fmt::format(format, std::forward<Args>(args)...));
    }
};

// The first member of a Dialog, so it is destroyed after all the others:
// counts the object in HostContext::objects.
class DialogObjectToken {
public:
    explicit DialogObjectToken(std::shared_ptr<HostContext> host) : host_(std::move(host)) {
        std::lock_guard lock(host_->objects_mutex);
        ++host_->objects;
    }
    ~DialogObjectToken() {
        std::lock_guard lock(host_->objects_mutex);
        if (--host_->objects == 0) host_->objects_gone.notify_all();
    }
    DialogObjectToken(const DialogObjectToken&) = delete;
    DialogObjectToken& operator=(const DialogObjectToken&) = delete;

private:
    std::shared_ptr<HostContext> host_;
};

}  // namespace rasshost
