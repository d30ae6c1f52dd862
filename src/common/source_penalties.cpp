#include "common/source_penalties.hpp"

#include <algorithm>

namespace rasshost {

SourcePenalties::SourcePenalties(const CallLimits& limits) : limits_(limits) {}

bool SourcePenalties::forgotten(const Record& record, Clock::time_point now) const {
    return now >= std::max(record.last_failure, record.blocked_until) + limits_.max_penalty;
}

bool SourcePenalties::blocked(const std::string& source, Clock::time_point now) {
    const auto it = records_.find(source);
    if (it == records_.end()) return false;
    if (forgotten(it->second, now)) {
        erase(it);
        return false;
    }
    return now < it->second.blocked_until;
}

SourcePenalties::Result SourcePenalties::record_failure(const std::string& source, Clock::time_point now) {
    if (!enabled()) return {};
    forget_stale(now);
    auto it = records_.find(source);
    if (it != records_.end() && forgotten(it->second, now)) {
        erase(it);
        it = records_.end();
    }
    if (it == records_.end()) {
        if (!make_room(now)) return {std::nullopt, true};
        by_last_failure_.push_front(source);
        it = records_.emplace(source, Record{}).first;
        it->second.in_order = by_last_failure_.begin();
    } else {
        by_last_failure_.splice(by_last_failure_.begin(), by_last_failure_, it->second.in_order);
    }
    Record& record = it->second;
    record.last_failure = now;
    auto& failures = record.failures;
    failures.erase(failures.begin(), std::find_if(failures.begin(), failures.end(), [&](Clock::time_point at) {
                       return now - at < limits_.failure_window;
                   }));
    failures.push_back(now);
    if (failures.size() < limits_.max_failures) return {};
    return {start_penalty(record, now), false};
}

// Failures during a penalty count towards the next one, which then starts
// from the moment the threshold is reached again.
SourcePenalties::Penalty SourcePenalties::start_penalty(Record& record, Clock::time_point now) {
    Penalty penalty;
    penalty.failures = static_cast<unsigned>(record.failures.size());
    penalty.duration =
        record.penalties == 0 ? limits_.penalty : std::min(record.last_penalty * 2, limits_.max_penalty);
    penalty.duration = std::min(penalty.duration, limits_.max_penalty);
    penalty.repeat = ++record.penalties;
    record.last_penalty = penalty.duration;
    record.blocked_until = now + penalty.duration;
    record.failures.clear();
    return penalty;
}

// The least recent failures are at the back: drop those long forgotten.
void SourcePenalties::forget_stale(Clock::time_point now) {
    while (!by_last_failure_.empty()) {
        const auto it = records_.find(by_last_failure_.back());
        if (!forgotten(it->second, now)) return;
        erase(it);
    }
}

bool SourcePenalties::make_room(Clock::time_point now) {
    if (records_.size() < limits_.max_sources) return true;
    for (auto at = by_last_failure_.rbegin(); at != by_last_failure_.rend(); ++at) {
        const auto it = records_.find(*at);
        if (now >= it->second.blocked_until) {
            erase(it);
            return true;
        }
    }
    return false;
}

void SourcePenalties::erase(std::unordered_map<std::string, Record>::iterator it) {
    by_last_failure_.erase(it->second.in_order);
    records_.erase(it);
}

}  // namespace rasshost
