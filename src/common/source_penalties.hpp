// Per-source penalties, after sshd's PerSourcePenalties: failures are
// counted per source; `max_failures` of them within `failure_window` start
// a penalty during which the source's calls are refused. Each repeat
// doubles the penalty, up to `max_penalty`; a source with no failure and no
// penalty for `max_penalty` is forgotten, so its next penalty is the first
// again.
//
// The table is bounded (`max_sources`), so a spray of addresses cannot grow
// it: when full, the source whose last failure is oldest among those not
// under penalty gives way; if every source is under penalty, a new one is
// not tracked (sshd's "permissive" overflow) until a place frees up.
//
// Not thread-safe: the host calls it under its lock. Times are passed in,
// so tests need no clock.
#pragma once

#include <rasshost/host.hpp>

#include <chrono>
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace rasshost {

class RASSHOST_API SourcePenalties {
public:
    using Clock = std::chrono::steady_clock;

    struct Penalty {
        std::chrono::seconds duration{0};
        unsigned failures = 0;  // within the window, that started it
        unsigned repeat = 0;    // 1 for a source's first penalty
    };
    struct Result {
        std::optional<Penalty> penalty;  // started by this failure
        bool untracked = false;          // the table is full of penalized sources
    };

    explicit SourcePenalties(const CallLimits& limits);

    bool enabled() const noexcept { return limits_.max_failures > 0; }
    // True while `source` serves a penalty.
    bool blocked(const std::string& source, Clock::time_point now);
    // Counts one failure of `source`.
    Result record_failure(const std::string& source, Clock::time_point now);
    // Sources remembered now.
    std::size_t size() const noexcept { return records_.size(); }

private:
    struct Record {
        std::vector<Clock::time_point> failures;  // within the window, at most max_failures
        Clock::time_point last_failure;
        Clock::time_point blocked_until;
        std::chrono::seconds last_penalty{0};
        unsigned penalties = 0;
        std::list<std::string>::iterator in_order;  // in by_last_failure_
    };

    bool forgotten(const Record& record, Clock::time_point now) const;
    void forget_stale(Clock::time_point now);
    bool make_room(Clock::time_point now);
    void erase(std::unordered_map<std::string, Record>::iterator it);
    Penalty start_penalty(Record& record, Clock::time_point now);

    CallLimits limits_;
    std::unordered_map<std::string, Record> records_;
    std::list<std::string> by_last_failure_;  // front: the most recent
};

}  // namespace rasshost
