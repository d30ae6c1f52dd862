// Section "sync": critical sections, Interlocked and TLS against raw
// baselines in the same run -- pthread mutexes, a raw futex mutex, the bare
// __atomic builtin, pthread_getspecific.
#include "common.hpp"
#include "raw_futex.hpp"

#include <rasshost/win32.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>

namespace bench {
namespace {

void cpu_relax() { __builtin_ia32_pause(); }


// Per-operation ns of two threads each doing `ops` lock/increment/unlock
// rounds on one lock: every round contends with the other thread, so the
// lock changes hands between them all the time.
template <class Lock, class Unlock>
double contended_ns(std::size_t ops, Lock lock, Unlock unlock) {
    volatile std::size_t counter = 0;
    auto work = [&] {
        for (std::size_t i = 0; i < ops; ++i) {
            lock();
            counter = counter + 1;
            unlock();
        }
    };
    const auto t0 = clock::now();
    std::thread other(work);
    work();
    other.join();
    return nanoseconds_between(t0, clock::now()) / static_cast<double>(2 * ops);
}

// One-way hand-off latency samples (us): the bench thread holds the lock
// while the other thread blocks on it; once the lock word says the other
// thread sleeps (`sleeping()`), the bench thread leaves, and the sample is
// the time until the other thread holds the lock. Both threads pinned apart.
template <class Lock, class Unlock, class Sleeping>
std::vector<double> handoff_us(std::size_t rounds, Lock lock, Unlock unlock, Sleeping sleeping) {
    std::atomic<std::size_t> go{0}, done{0};
    std::atomic<std::int64_t> acquired_at{0};
    auto now_ns = [] { return std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch()).count(); };
    std::thread other([&] {
        pin_to_cpu(1);
        for (std::size_t i = 1; i <= rounds; ++i) {
            while (go.load(std::memory_order_acquire) != i) cpu_relax();
            lock();
            acquired_at.store(now_ns(), std::memory_order_relaxed);
            unlock();
            done.store(i, std::memory_order_release);
        }
    });
    pin_to_cpu(0);
    std::vector<double> samples;
    samples.reserve(rounds);
    for (std::size_t i = 1; i <= rounds; ++i) {
        lock();
        go.store(i, std::memory_order_release);
        while (!sleeping()) cpu_relax();
        // The word says "sleepers" just before the other thread's futex
        // wait: give it a moment to be in the kernel.
        for (int spin = 0; spin < 2000; ++spin) cpu_relax();
        const std::int64_t left_at = now_ns();
        unlock();
        while (done.load(std::memory_order_acquire) != i) cpu_relax();
        samples.push_back(static_cast<double>(acquired_at.load(std::memory_order_relaxed) - left_at) / 1e3);
    }
    other.join();
    unpin();
    return samples;
}

Figure judged(std::string name, double value, std::string baseline_name, double baseline, double limit) {
    Figure f{std::move(name), value, "ns", baseline_name, baseline,
             "<=" + std::to_string(limit).substr(0, 3) + "x " + baseline_name};
    f.met = f.ratio() <= limit;
    return f;
}

}  // namespace

void run_sync(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 2000000 : 10000000;
    const std::size_t batches = settings.quick ? 11 : 31;
    const std::size_t ops = settings.quick ? 200000 : 1000000;  // per thread, contended
    const std::size_t contended_rounds = settings.quick ? 5 : 15;

    // 1. uncontended Enter+Leave against a pthread mutex lock+unlock pair
    {
        pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
        CRITICAL_SECTION cs;
        InitializeCriticalSection(&cs);
        FutexMutex futex;
        const auto p50 = interleaved_p50<3>(batches, {
            [&] { return loop_ns(calls, [&] { pthread_mutex_lock(&mutex); pthread_mutex_unlock(&mutex); }); },
            [&] { return loop_ns(calls, [&] { futex.lock(); futex.unlock(); }); },
            [&] { return loop_ns(calls, [&] { EnterCriticalSection(&cs); LeaveCriticalSection(&cs); }); }});
        report.add({"sync.cs.uncontended [pthread mutex]", p50[0], "ns"});
        report.add({"sync.cs.uncontended [raw futex mutex]", p50[1], "ns", "pthread mutex", p50[0]});
        report.add(judged("sync.cs.uncontended [Enter+Leave]", p50[2], "pthread mutex", p50[0], 1.5));
        DeleteCriticalSection(&cs);
    }

    // 2. contended hand-off between two threads against a raw futex mutex:
    // the wake-up latency (the target), then two threads hammering one lock
    {
        CRITICAL_SECTION cs;
        InitializeCriticalSection(&cs);
        FutexMutex futex;
        const std::size_t handoffs = settings.quick ? 2000 : 10000;
        std::array<std::vector<double>, 2> samples;
        for (std::size_t r = 0; r < 4; ++r) {
            auto f = handoff_us(handoffs / 4, [&] { futex.lock(); }, [&] { futex.unlock(); },
                                [&] { return futex.word.load(std::memory_order_relaxed) == 2; });
            auto c = handoff_us(handoffs / 4, [&] { EnterCriticalSection(&cs); }, [&] { LeaveCriticalSection(&cs); },
                                [&] { return __atomic_load_n(&cs.LockCount, __ATOMIC_RELAXED) == 2; });  // the lock word
            samples[0].insert(samples[0].end(), f.begin(), f.end());
            samples[1].insert(samples[1].end(), c.begin(), c.end());
        }
        const Summary f = summarize(samples[0]), c = summarize(samples[1]);
        report.add({"sync.cs.handoff.p50 [raw futex mutex]", f.p50, "us"});
        report.add({"sync.cs.handoff.p99 [raw futex mutex]", f.p99, "us"});
        Figure p50{"sync.cs.handoff.p50 [Enter+Leave]", c.p50, "us", "raw futex mutex", f.p50, "<=1.1x raw futex mutex"};
        p50.met = p50.ratio() <= 1.1;
        report.add(p50);
        report.add({"sync.cs.handoff.p99 [Enter+Leave]", c.p99, "us", "raw futex mutex", f.p99});
        DeleteCriticalSection(&cs);
    }
    {
        pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
        CRITICAL_SECTION cs;
        InitializeCriticalSection(&cs);
        CRITICAL_SECTION spinning;
        InitializeCriticalSectionAndSpinCount(&spinning, 4000);
        FutexMutex futex;
        const auto p50 = interleaved_p50<4>(contended_rounds, {
            [&] { return contended_ns(ops, [&] { futex.lock(); }, [&] { futex.unlock(); }); },
            [&] { return contended_ns(ops, [&] { pthread_mutex_lock(&mutex); }, [&] { pthread_mutex_unlock(&mutex); }); },
            [&] { return contended_ns(ops, [&] { EnterCriticalSection(&cs); }, [&] { LeaveCriticalSection(&cs); }); },
            [&] {
                return contended_ns(ops, [&] { EnterCriticalSection(&spinning); },
                                    [&] { LeaveCriticalSection(&spinning); });
            }});
        report.add({"sync.cs.contended2 [raw futex mutex]", p50[0], "ns"});
        report.add({"sync.cs.contended2 [pthread mutex]", p50[1], "ns", "raw futex mutex", p50[0]});
        report.add({"sync.cs.contended2 [Enter+Leave]", p50[2], "ns", "raw futex mutex", p50[0]});
        report.add({"sync.cs.contended2 [Enter+Leave, spin 4000]", p50[3], "ns", "raw futex mutex", p50[0]});
        DeleteCriticalSection(&cs);
        DeleteCriticalSection(&spinning);
    }

    // 3. InterlockedIncrement against the bare builtin
    {
        LONG volatile counter = 0;
        LONG volatile raw = 0;  // the same object type: only the call differs
        const auto p50 = interleaved_p50<4>(batches, {
            [&] { return loop_ns(calls, [&] { __atomic_add_fetch(&raw, 1, __ATOMIC_SEQ_CST); }); },
            [&] { return loop_ns(calls, [&] { InterlockedIncrement(&counter); }); },
            [&] {
                return loop_ns(calls, [&] {
                    LONG expected = raw;
                    __atomic_compare_exchange_n(&raw, &expected, 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
                });
            },
            [&] { return loop_ns(calls, [&] { InterlockedCompareExchange(&counter, 1, static_cast<LONG>(counter)); }); }});
        report.add({"sync.interlocked.increment [__atomic_add_fetch]", p50[0], "ns"});
        report.add(judged("sync.interlocked.increment [InterlockedIncrement]", p50[1], "__atomic_add_fetch", p50[0], 1.1));
        report.add({"sync.interlocked.cmpxchg [__atomic_compare_exchange]", p50[2], "ns"});
        report.add(judged("sync.interlocked.cmpxchg [InterlockedCompareExchange]", p50[3], "__atomic_compare_exchange", p50[2], 1.1));
    }

    // 4. TlsGetValue against pthread_getspecific (informative: no target)
    {
        pthread_key_t key;
        pthread_key_create(&key, nullptr);
        int dummy = 0;
        pthread_setspecific(key, &dummy);
        const DWORD index = TlsAlloc();
        TlsSetValue(index, &dummy);
        std::size_t sink = 0;
        const auto p50 = interleaved_p50<2>(batches, {
            [&] { return loop_ns(calls, [&] { sink += pthread_getspecific(key) != nullptr; }); },
            [&] { return loop_ns(calls, [&] { sink += TlsGetValue(index) != nullptr; }); }});
        if (sink == 1) std::puts("");
        report.add({"sync.tls.get [pthread_getspecific]", p50[0], "ns"});
        report.add({"sync.tls.get [TlsGetValue]", p50[1], "ns", "pthread_getspecific", p50[0]});
        TlsFree(index);
        pthread_key_delete(key);
    }
}

}  // namespace bench
