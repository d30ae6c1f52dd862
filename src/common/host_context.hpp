// What every dialog of one host shares: the DLL's entry points, the options,
// the two DLL-call threads, and the way back to the host when it ends.
#pragma once

#include "call_thread.hpp"

#include <rasshost/host.hpp>

#include <fmt/format.h>

#include <functional>
#include <memory>

namespace rasshost {

class Dialog;

struct HostContext {
    SecurityDll dll;
    HostOptions options;
    CallThread begin_thread;  // Begin calls, serialized (spec OQ-15)
    CallThread end_thread;    // End calls, so a slow End never delays a Begin
    // Called once per dialog, on its strand, when it is over.
    std::function<void(const std::shared_ptr<Dialog>&, const DialogOutcome&)> on_finished;

    template <class... Args>
    void log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) const {
        if (options.on_log) options.on_log(level, fmt::format(format, std::forward<Args>(args)...));
    }
};

}  // namespace rasshost
