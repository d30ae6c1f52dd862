// Section 1: events. rasshost's Win32 events (the C API over handles and
// the C++ rasshost::Event) against a raw futex and a raw mutex+condition
// variable doing the same, in the same run.
//
// The raw baselines are what a careful hand-written event costs: an
// auto-reset flag with a waiter count (a futex wake only when someone
// sleeps), and for the condition variable, the state tested first so that a
// zero timeout never enters the kernel (the trap in events-measured.md).
#include "common.hpp"
#include "raw_futex.hpp"

#include <rasshost/event.hpp>
#include <rasshost/win32.h>

#include <array>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <span>
#include <thread>

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace bench {
namespace {

using namespace std::chrono_literals;


// ---- the four implementations of one auto-reset event ----

struct CondvarEvent {
    std::mutex mutex;
    std::condition_variable cv;
    bool signalled;
    bool manual_;
    explicit CondvarEvent(bool manual = false, bool initially = false) : signalled(initially), manual_(manual) {}
    void set() {
        {
            std::lock_guard lock(mutex);
            signalled = true;
        }
        if (manual_) cv.notify_all();
        else cv.notify_one();
    }
    bool poll() {
        std::lock_guard lock(mutex);
        if (!signalled) return false;
        if (!manual_) signalled = false;
        return true;
    }
    void wait() {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return signalled; });
        if (!manual_) signalled = false;
    }
};

struct Win32Event {
    HANDLE handle;
    explicit Win32Event(bool manual = false, bool initially = false)
        : handle(CreateEventA(nullptr, manual, initially, nullptr)) {}
    ~Win32Event() { CloseHandle(handle); }
    void set() { SetEvent(handle); }
    bool poll() { return WaitForSingleObject(handle, 0) == WAIT_OBJECT_0; }
    void wait() { WaitForSingleObject(handle, INFINITE); }
};

struct CxxEvent {
    rasshost::Event event;
    explicit CxxEvent(bool manual = false, bool initially = false)
        : event(manual ? rasshost::EventReset::manual : rasshost::EventReset::automatic, initially) {}
    void set() { event.set(); }
    bool poll() { return event.wait_for(std::chrono::nanoseconds::zero()); }
    void wait() { event.wait(); }
};

// ---- 64 events for wait-any, 4 for wait-all ----

template <std::size_t N>
struct FutexSet {
    static constexpr const char* name = "raw futex";
    std::array<std::atomic<std::uint32_t>, N> flags{};
    std::atomic<std::uint32_t> sequence{0};
    std::atomic<std::uint32_t> waiters{0};
    bool manual = false;
    explicit FutexSet(bool manual_reset = false) : manual(manual_reset) {}
    void set(std::size_t i) {
        flags[i].store(1);
        sequence.fetch_add(1);
        if (waiters.load() != 0) futex_wake(sequence, INT_MAX);
    }
    std::size_t try_any() {
        for (std::size_t i = 0; i < N; ++i)
            if (flags[i].load(std::memory_order_acquire) != 0 && (manual || flags[i].exchange(0) == 1)) return i;
        return N;
    }
    bool try_all() {
        for (auto& f : flags)
            if (f.load(std::memory_order_acquire) == 0) return false;
        if (!manual)
            for (auto& f : flags) f.store(0);  // one waiter in this benchmark: no competitor to race
        return true;
    }
    template <class Try>
    auto wait(Try attempt) {
        for (;;) {
            const auto seen = sequence.load();
            if (auto r = attempt(); r) return r;
            waiters.fetch_add(1);
            futex_wait(sequence, seen);
            waiters.fetch_sub(1);
        }
    }
    std::size_t wait_any() {
        std::size_t index = N;
        wait([&] { return (index = try_any()) != N; });
        return index;
    }
    void wait_all() { wait([&] { return try_all(); }); }
};

template <std::size_t N>
struct CondvarSet {
    std::mutex mutex;
    std::condition_variable cv;
    std::array<bool, N> flags{};
    bool manual = false;
    explicit CondvarSet(bool manual_reset = false) : manual(manual_reset) {}
    void set(std::size_t i) {
        {
            std::lock_guard lock(mutex);
            flags[i % N] = true;  // (% N: quiets a GCC 12 -Warray-bounds false positive)
        }
        cv.notify_one();
    }
    std::size_t try_any_locked() {
        for (std::size_t i = 0; i < N; ++i)
            if (flags[i]) {
                if (!manual) flags[i] = false;
                return i;
            }
        return N;
    }
    std::size_t wait_any() {
        std::unique_lock lock(mutex);
        std::size_t index = N;
        cv.wait(lock, [&] { return (index = try_any_locked()) != N; });
        return index;
    }
    std::size_t poll_any() {
        std::lock_guard lock(mutex);
        return try_any_locked();
    }
    void wait_all() {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] {
            for (bool f : flags)
                if (!f) return false;
            return true;
        });
        if (!manual) flags.fill(false);
    }
};

template <std::size_t N>
struct Win32Set {
    std::array<HANDLE, N> handles{};
    explicit Win32Set(bool manual = false) {
        for (auto& h : handles) h = CreateEventA(nullptr, manual, FALSE, nullptr);
    }
    ~Win32Set() {
        for (auto h : handles) CloseHandle(h);
    }
    void set(std::size_t i) { SetEvent(handles[i]); }
    std::size_t wait_any() { return WaitForMultipleObjects(N, handles.data(), FALSE, INFINITE) - WAIT_OBJECT_0; }
    void wait_all() { WaitForMultipleObjects(N, handles.data(), TRUE, INFINITE); }
};

template <std::size_t N>
struct CxxSet {
    std::vector<rasshost::Event> events;
    std::array<rasshost::Event*, N> pointers{};
    explicit CxxSet(bool manual = false) {
        events.reserve(N);
        for (std::size_t i = 0; i < N; ++i) {
            events.emplace_back(manual ? rasshost::EventReset::manual : rasshost::EventReset::automatic);
            pointers[i] = &events[i];
        }
    }
    void set(std::size_t i) { events[i].set(); }
    std::size_t wait_any() { return *rasshost::wait_any(pointers, std::chrono::nanoseconds::max()); }
    void wait_all() { rasshost::wait_all(pointers, std::chrono::nanoseconds::max()); }
};

// ---- measurements ----

// One-way latency samples (µs) of a ping-pong: `kick(i)` wakes the other
// thread, which runs `respond()` (wait, then wake us back); we wait for the
// answer with `wait_back()`. One-way = round trip / 2.
template <class Kick, class Respond, class WaitBack>
std::vector<double> ping_pong(std::size_t rounds, Kick kick, Respond respond, WaitBack wait_back) {
    std::vector<double> samples;
    samples.reserve(rounds);
    const std::size_t warm = rounds / 10 + 10;
    std::thread other([&] {
        pin_to_cpu(1);
        for (std::size_t i = 0; i < rounds + warm; ++i) respond();
    });
    pin_to_cpu(0);
    for (std::size_t i = 0; i < rounds + warm; ++i) {
        const auto t0 = clock::now();
        kick(i);
        wait_back();
        if (i >= warm) samples.push_back(nanoseconds_between(t0, clock::now()) / 2e3);
    }
    other.join();
    unpin();
    return samples;
}

template <class E>
std::vector<double> pingpong_single(std::size_t rounds) {
    E a, b;
    return ping_pong(rounds, [&](std::size_t) { a.set(); }, [&] { a.wait(); b.set(); }, [&] { b.wait(); });
}

template <class Set, class Ack>
std::vector<double> pingpong_any64(std::size_t rounds) {
    Set set;
    Ack ack;
    return ping_pong(
        rounds, [&](std::size_t i) { set.set((i * 37 + 63) % 64); }, [&] { set.wait_any(); ack.set(); },
        [&] { ack.wait(); });
}

template <class Set, class Ack>
std::vector<double> pingpong_all4(std::size_t rounds) {
    Set set;
    Ack ack;
    return ping_pong(
        rounds,
        [&](std::size_t) {
            for (std::size_t k = 0; k < 4; ++k) set.set(k);
        },
        [&] { set.wait_all(); ack.set(); }, [&] { ack.wait(); });
}

// Wakes per second with 8 threads waiting on one auto-reset event, paced:
// the next set comes only after the previous wake was counted (otherwise
// sets coalesce, as Win32 says they do, and nothing is measured).
template <class E>
double eight_waiters(std::size_t wakes) {
    E event;
    std::atomic<std::uint64_t> consumed{0};
    std::atomic<bool> stop{false};
    std::atomic<int> exited{0};
    std::vector<std::thread> waiters;
    for (int t = 0; t < 8; ++t)
        waiters.emplace_back([&] {
            for (;;) {
                event.wait();
                if (stop.load()) break;
                consumed.fetch_add(1);
            }
            exited.fetch_add(1);
        });
    const auto t0 = clock::now();
    for (std::uint64_t i = 1; i <= wakes; ++i) {
        event.set();
        while (consumed.load() < i) std::this_thread::yield();
    }
    const double elapsed = seconds_since(t0);
    stop = true;
    for (int t = 0; t < 8; ++t) {
        event.set();
        while (exited.load() <= t) std::this_thread::yield();
    }
    for (auto& w : waiters) w.join();
    return static_cast<double>(wakes) / elapsed;
}

struct Sizes {
    std::size_t pingpong, waiter_wakes, waiter_rounds, calls, batches;
};

// Interleaves the implementations over `rounds` rounds so that a drifting
// machine biases none of them; returns each implementation's samples.
template <std::size_t K>
std::array<std::vector<double>, K> interleaved(std::size_t rounds,
                                               const std::array<std::function<std::vector<double>()>, K>& runs) {
    std::array<std::vector<double>, K> all;
    for (std::size_t r = 0; r < rounds; ++r)
        for (std::size_t k = 0; k < K; ++k) {
            auto s = runs[k]();
            all[k].insert(all[k].end(), s.begin(), s.end());
        }
    return all;
}

void add_latency(Report& report, const std::string& name, const std::array<std::vector<double>, 4>& samples,
                 const std::string& target_p50) {
    // order: futex, condvar, win32, c++
    const Summary futex = summarize(samples[0]);
    const Summary condvar = summarize(samples[1]);
    const Summary win32 = summarize(samples[2]);
    const Summary cxx = summarize(samples[3]);
    auto row = [&](const std::string& who, const Summary& s, const Summary& base, bool with_target) {
        const std::string base_name = base.count ? "raw futex" : "";
        Figure p50{name + ".p50 [" + who + "]", s.p50, "us", base_name, base.p50};
        Figure p99{name + ".p99 [" + who + "]", s.p99, "us", base_name, base.p99};
        if (with_target && !target_p50.empty()) {
            p50.target = target_p50 + " raw futex";
            const double limit = std::stod(target_p50.substr(2));
            p50.met = p50.ratio() <= limit;
        }
        report.add(p50);
        report.add(p99);
    };
    row("raw futex", futex, Summary{}, false);
    row("mutex+condvar", condvar, futex, false);
    row("C API", win32, futex, true);
    row("rasshost::Event", cxx, futex, true);
}

}  // namespace

void run_events(const Settings& settings, Report& report) {
    const Sizes n = settings.quick ? Sizes{4000, 4000, 2, 200000, 11} : Sizes{40000, 20000, 5, 2000000, 31};
    const std::size_t rounds = 4;

    // 1. ping-pong one-way latency
    add_latency(report, "events.pingpong.oneway",
                interleaved<4>(rounds, {[&] { return pingpong_single<FutexEvent>(n.pingpong / rounds); },
                                        [&] { return pingpong_single<CondvarEvent>(n.pingpong / rounds); },
                                        [&] { return pingpong_single<Win32Event>(n.pingpong / rounds); },
                                        [&] { return pingpong_single<CxxEvent>(n.pingpong / rounds); }}),
                "<=1.1x");

    // 2. eight waiters on one auto-reset event
    {
        std::array<std::vector<double>, 4> rates;
        for (std::size_t r = 0; r < n.waiter_rounds; ++r) {
            rates[0].push_back(eight_waiters<FutexEvent>(n.waiter_wakes));
            rates[1].push_back(eight_waiters<CondvarEvent>(n.waiter_wakes));
            rates[2].push_back(eight_waiters<Win32Event>(n.waiter_wakes));
            rates[3].push_back(eight_waiters<CxxEvent>(n.waiter_wakes));
        }
        const double futex = summarize(rates[0]).p50 / 1e3;
        report.add({"events.auto8.wakes [raw futex]", futex, "k/s"});
        report.add({"events.auto8.wakes [mutex+condvar]", summarize(rates[1]).p50 / 1e3, "k/s", "raw futex", futex});
        report.add({"events.auto8.wakes [C API]", summarize(rates[2]).p50 / 1e3, "k/s", "raw futex", futex});
        report.add({"events.auto8.wakes [rasshost::Event]", summarize(rates[3]).p50 / 1e3, "k/s", "raw futex", futex});
    }

    // 3. wait-any over 64: latency of a wake, and one call that need not sleep
    add_latency(report, "events.waitany64.oneway",
                interleaved<4>(rounds, {[&] { return pingpong_any64<FutexSet<64>, FutexEvent>(n.pingpong / rounds / 2); },
                                        [&] { return pingpong_any64<CondvarSet<64>, CondvarEvent>(n.pingpong / rounds / 2); },
                                        [&] { return pingpong_any64<Win32Set<64>, Win32Event>(n.pingpong / rounds / 2); },
                                        [&] { return pingpong_any64<CxxSet<64>, CxxEvent>(n.pingpong / rounds / 2); }}),
                "");
    {
        // 64 manual-reset events, only the last one set: the whole array is
        // examined and the call returns at once.
        std::size_t sink = 0;
        const std::size_t calls = n.calls / 20;
        FutexSet<64> futex(true);
        futex.set(63);
        CondvarSet<64> condvar(true);
        condvar.set(63);
        Win32Set<64> win32(true);
        win32.set(63);
        CxxSet<64> cxx(true);
        cxx.set(63);
        const auto f = summarize(per_call_ns([&](std::size_t k) { for (std::size_t i = 0; i < k; ++i) sink += futex.try_any(); }, calls, n.batches));
        const auto c = summarize(per_call_ns([&](std::size_t k) { for (std::size_t i = 0; i < k; ++i) sink += condvar.poll_any(); }, calls, n.batches));
        const auto w = summarize(per_call_ns([&](std::size_t k) {
            for (std::size_t i = 0; i < k; ++i) sink += WaitForMultipleObjects(64, win32.handles.data(), FALSE, INFINITE);
        }, calls, n.batches));
        const auto x = summarize(per_call_ns([&](std::size_t k) {
            for (std::size_t i = 0; i < k; ++i) sink += *rasshost::wait_any(cxx.pointers, std::chrono::nanoseconds::max());
        }, calls, n.batches));
        if (sink == 1) std::puts("");  // keeps the loops
        report.add({"events.waitany64.nosleep [raw futex]", f.p50, "ns"});
        report.add({"events.waitany64.nosleep [mutex+condvar]", c.p50, "ns", "raw futex", f.p50});
        Figure wf{"events.waitany64.nosleep [C API]", w.p50, "ns", "raw futex", f.p50, "<=2x raw futex"};
        wf.met = wf.ratio() <= 2;
        report.add(wf);
        Figure xf{"events.waitany64.nosleep [rasshost::Event]", x.p50, "ns", "raw futex", f.p50, "<=2x raw futex"};
        xf.met = xf.ratio() <= 2;
        report.add(xf);
    }

    // 4. wait-all over 4
    add_latency(report, "events.waitall4.oneway",
                interleaved<4>(rounds, {[&] { return pingpong_all4<FutexSet<4>, FutexEvent>(n.pingpong / rounds / 2); },
                                        [&] { return pingpong_all4<CondvarSet<4>, CondvarEvent>(n.pingpong / rounds / 2); },
                                        [&] { return pingpong_all4<Win32Set<4>, Win32Event>(n.pingpong / rounds / 2); },
                                        [&] { return pingpong_all4<CxxSet<4>, CxxEvent>(n.pingpong / rounds / 2); }}),
                "");

    // 5. SetEvent on an already-set event
    {
        FutexEvent futex(true, true);
        CondvarEvent condvar(true, true);
        Win32Event win32(true, true);
        CxxEvent cxx(true, true);
        auto rate = [&](auto& e) {
            return 1e3 / summarize(per_call_ns([&](std::size_t k) { for (std::size_t i = 0; i < k; ++i) e.set(); },
                                               n.calls, n.batches)).p50;  // M calls/s
        };
        const double f = rate(futex), c = rate(condvar), w = rate(win32), x = rate(cxx);
        report.add({"events.redundant_set [raw futex]", f, "M/s"});
        report.add({"events.redundant_set [mutex+condvar]", c, "M/s", "raw futex", f});
        Figure wf{"events.redundant_set [C API]", w, "M/s", "raw futex", f, ">=10 M/s"};
        wf.met = w >= 10;
        report.add(wf);
        Figure xf{"events.redundant_set [rasshost::Event]", x, "M/s", "raw futex", f, ">=10 M/s"};
        xf.met = x >= 10;
        report.add(xf);
    }

    // 6. zero-timeout poll of an unsignalled event
    {
        FutexEvent futex;
        CondvarEvent condvar;
        Win32Event win32;
        CxxEvent cxx;
        std::size_t sink = 0;
        auto cost = [&](auto& e) {
            return summarize(per_call_ns([&](std::size_t k) { for (std::size_t i = 0; i < k; ++i) sink += e.poll(); },
                                         n.calls, n.batches)).p50;
        };
        const double f = cost(futex), c = cost(condvar), w = cost(win32), x = cost(cxx);
        // The trap, for the record: a zero timeout as wait_until(now) on a condition variable.
        std::mutex m;
        std::condition_variable cv;
        const double trap = summarize(per_call_ns([&](std::size_t k) {
            std::unique_lock lock(m);
            for (std::size_t i = 0; i < k; ++i) sink += cv.wait_until(lock, clock::now()) == std::cv_status::timeout;
        }, 200, 5)).p50;
        if (sink == 1) std::puts("");
        report.add({"events.poll0 [raw futex]", f, "ns"});
        report.add({"events.poll0 [mutex+condvar, state first]", c, "ns", "raw futex", f});
        report.add({"events.poll0 [condvar wait_until(now): the trap]", trap, "ns", "raw futex", f});
        Figure wf{"events.poll0 [C API]", w, "ns", "raw futex", f, "<=100 ns"};
        wf.met = w <= 100;
        report.add(wf);
        Figure xf{"events.poll0 [rasshost::Event]", x, "ns", "raw futex", f, "<=100 ns"};
        xf.met = x <= 100;
        report.add(xf);
    }
}

}  // namespace bench
