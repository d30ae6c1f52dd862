// The event-log sink and host routes (event_log_route.hpp).
#include "common/event_log_route.hpp"

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace rasshost {
namespace {

using SharedSink = std::shared_ptr<const EventLogSink>;

struct Routes {
    std::mutex mutex;
    SharedSink installed;
    std::vector<std::pair<std::uint64_t, SharedSink>> hosts;  // oldest first
    std::uint64_t next_id = 1;
};

Routes& routes() {
    static Routes* const instance = new Routes;  // never destroyed: DLLs may report at exit
    return *instance;
}

}  // namespace

void set_event_log_sink(EventLogSink sink) {
    SharedSink replacement;
    if (sink) replacement = std::make_shared<const EventLogSink>(std::move(sink));
    auto& r = routes();
    std::lock_guard lock(r.mutex);
    r.installed.swap(replacement);  // the old sink dies after the lock
}

EventLogRoute::EventLogRoute(EventLogSink sink) {
    auto shared = std::make_shared<const EventLogSink>(std::move(sink));
    auto& r = routes();
    std::lock_guard lock(r.mutex);
    id_ = r.next_id++;
    r.hosts.emplace_back(id_, std::move(shared));
}

EventLogRoute::~EventLogRoute() {
    SharedSink removed;
    auto& r = routes();
    std::lock_guard lock(r.mutex);
    for (auto it = r.hosts.begin(); it != r.hosts.end(); ++it) {
        if (it->first != id_) continue;
        removed = std::move(it->second);
        r.hosts.erase(it);
        break;
    }
}

bool deliver_event_line(LogLevel level, std::string_view line) {
    SharedSink sink;
    {
        auto& r = routes();
        std::lock_guard lock(r.mutex);
        sink = r.installed ? r.installed : (r.hosts.empty() ? nullptr : r.hosts.back().second);
    }
    if (!sink || !*sink) return false;
    (*sink)(level, line);  // without the lock: a sink may log itself
    return true;
}

}  // namespace rasshost
