// The process-wide debug-output sink, set_debug_output and the delivery of
// one string; OutputDebugStringA/W themselves are the backends'.
#include <rasshost/debug_output.hpp>
#include <rasshost/log_escape.hpp>

#include "common/backend.hpp"
#include "common/debug_output.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

namespace rasshost {
namespace {

struct SinkSlot {
    std::mutex mutex;
    std::shared_ptr<const DebugOutputSink> sink;
};

SinkSlot& slot() {
    static SinkSlot* instance = new SinkSlot;  // never destroyed: output may come at exit
    return *instance;
}

// Read on every call rather than cached, so a test or a debugging session
// can switch it on after start-up; debug output is rare and getenv cheap.
bool stderr_requested() {
    const char* value = std::getenv("RASSHOST_DEBUG_OUTPUT");
    return value != nullptr && std::strcmp(value, "stderr") == 0;
}

}  // namespace

void deliver_debug_output(std::string_view text) {
    std::shared_ptr<const DebugOutputSink> sink;
    {
        std::lock_guard lock(slot().mutex);
        sink = slot().sink;
    }
    // Called without the lock: a sink may itself output or replace the sink.
    if (sink) {
        (*sink)(text);
    } else if (stderr_requested()) {
        // A DLL's text, so escaped like any log line; one trailing newline
        // is the line's own end.
        if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        std::string line = log_escape(text);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stderr);  // one write: lines do not interleave
    }
}

void debug_log(std::string_view message) {
    std::string line = "rasshost: ";
    line += message;
    line += '\n';
    deliver_debug_output(line);
}

void set_debug_output(DebugOutputSink sink) {
    backend::watch_debug_output();
    std::shared_ptr<const DebugOutputSink> replacement;
    if (sink) replacement = std::make_shared<const DebugOutputSink>(std::move(sink));
    auto& s = slot();
    std::lock_guard lock(s.mutex);
    s.sink.swap(replacement);
    // the previous sink is released after the lock, when replacement dies
}

}  // namespace rasshost
