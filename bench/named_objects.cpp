// Section: named objects. Opening a named event (OpenEventA) and creating an
// existing name (CreateEventA, ERROR_ALREADY_EXISTS) against the raw
// baseline: a std::unordered_map from names to shared objects, looked up
// under a std::mutex, taking a reference (what a handle is).
//
// A new handle (the handle table's part, measured alone as a DuplicateHandle
// of the same event) is most of an open; the namespace's own share is the
// difference. Each batch opens k handles and is timed alone; the handles are closed
// after the clock stops (closing is a CloseHandle, measured for the record
// as open+close).
#include "common.hpp"

#include <rasshost/win32.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bench {
namespace {

struct RawNames {
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
    };
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<int>, Hash, std::equal_to<>> names;

    std::shared_ptr<int> open(const char* name) {
        std::lock_guard lock(mutex);
        const auto found = names.find(std::string_view(name));
        return found == names.end() ? nullptr : found->second;
    }
};

constexpr const char* bench_name = "rasshost-bench-named-event";

}  // namespace

void run_named_objects(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 2000 : 20000;
    const std::size_t batches = settings.quick ? 5 : 21;

    RawNames raw;
    // A namespace of realistic size: the name looked up among 64 others.
    for (int i = 0; i < 64; ++i) raw.names.emplace("rasshost-bench-other-" + std::to_string(i), std::make_shared<int>(i));
    raw.names.emplace(bench_name, std::make_shared<int>(0));
    std::vector<HANDLE> others;
    for (int i = 0; i < 64; ++i)
        others.push_back(CreateEventA(nullptr, TRUE, FALSE, ("rasshost-bench-other-" + std::to_string(i)).c_str()));
    HANDLE event = CreateEventA(nullptr, TRUE, FALSE, bench_name);
    if (!event) throw std::runtime_error("named objects: CreateEventA failed");

    std::vector<std::shared_ptr<int>> references(calls);
    std::vector<HANDLE> handles(calls);
    std::size_t sink = 0;
    const double baseline = summarize(per_call_ns([&](std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) references[i] = raw.open(bench_name);
    }, calls, batches)).p50;

    // Opens k handles with `open`, timed; closes them untimed.
    auto timed_opens = [&](auto open) {
        std::vector<double> samples;
        for (std::size_t b = 0; b <= batches; ++b) {
            const auto t0 = clock::now();
            for (std::size_t i = 0; i < calls; ++i) handles[i] = open();
            const double per_call = nanoseconds_between(t0, clock::now()) / static_cast<double>(calls);
            if (b > 0) samples.push_back(per_call);  // the first is the warm-up
            for (std::size_t i = 0; i < calls; ++i) sink += CloseHandle(handles[i]);
        }
        return summarize(samples).p50;
    };
    const double open = timed_opens([] { return OpenEventA(EVENT_ALL_ACCESS, FALSE, bench_name); });
    const double create = timed_opens([] { return CreateEventA(nullptr, TRUE, FALSE, bench_name); });
    // The share of a new handle alone: a duplicate of the same event.
    const double duplicate = timed_opens([event] {
        HANDLE copy = nullptr;
        DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, FALSE, DUPLICATE_SAME_ACCESS);
        return copy;
    });
    const double open_close = summarize(per_call_ns([&](std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) sink += CloseHandle(OpenEventA(EVENT_ALL_ACCESS, FALSE, bench_name));
    }, calls, batches)).p50;

    for (HANDLE other : others) CloseHandle(other);
    CloseHandle(event);
    if (sink == 1) std::puts("");

    report.add({"named.open [unordered_map under a mutex]", baseline, "ns"});
    Figure o{"named.open [OpenEventA]", open, "ns", "unordered_map under a mutex", baseline, "<=2x raw"};
    o.met = open <= 2 * baseline;
    report.add(o);
    Figure c{"named.create_existing [CreateEventA]", create, "ns", "unordered_map under a mutex", baseline, "<=2x raw"};
    c.met = create <= 2 * baseline;
    report.add(c);
    report.add({"named.open+close [OpenEventA, CloseHandle]", open_close, "ns", "unordered_map under a mutex", baseline});
    report.add({"named.duplicate [DuplicateHandle]", duplicate, "ns", "unordered_map under a mutex", baseline});
    report.add({"named.open-duplicate [namespace]", open - duplicate, "ns", "unordered_map under a mutex",
                baseline});
}

}  // namespace bench
