// Part of the events section: WaitForMultipleObjects over 64 mixed events,
// semaphores and mutexes that need not sleep, against a raw scan of 64
// atomic words of the same three kinds doing the same, in the same run.
//
// The set: index i % 3 == 0 a manual-reset event (unset), 1 a semaphore
// (count 0), 2 a mutex owned by another thread; only the last object is
// available, so the whole array is examined every call.
// - "signalled": the last object is a set manual-reset event; nothing is
//   taken.
// - "take": the last object is a free mutex; the wait takes it and the
//   loop gives it back (ReleaseMutex; the raw scan: compare-and-swap, then
//   a store).
#include "common.hpp"

#include <rasshost/win32.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <thread>

namespace bench {
namespace {

constexpr std::size_t count = 64;

// The raw baseline: one 32-bit word per object (an event's flag, a
// semaphore's count, a mutex's owner) and the kind of each.
struct RawMixedSet {
    std::array<std::atomic<std::uint32_t>, count> words{};
    std::array<std::uint8_t, count> kinds{};  // 0 event, 1 semaphore, 2 mutex
    explicit RawMixedSet(bool last_is_free_mutex) {
        for (std::size_t i = 0; i < count; ++i) {
            kinds[i] = static_cast<std::uint8_t>(i % 3);
            words[i] = i % 3 == 2 ? 1000 : 0;  // mutexes owned by "thread 1000"
        }
        kinds[count - 1] = last_is_free_mutex ? 2 : 0;
        words[count - 1] = last_is_free_mutex ? 0 : 1;
    }
    std::size_t try_any(std::uint32_t self) {
        for (std::size_t i = 0; i < count; ++i) {
            std::uint32_t word = words[i].load(std::memory_order_acquire);
            switch (kinds[i]) {
            case 0:
                if (word != 0) return i;
                break;
            case 1:
                if (word != 0 && words[i].compare_exchange_strong(word, word - 1)) return i;
                break;
            default:
                if (word == 0 && words[i].compare_exchange_strong(word, self)) return i;
                break;
            }
        }
        return count;
    }
};

struct Win32MixedSet {
    std::array<HANDLE, count> handles{};
    HANDLE owner_may_end = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE owned = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    std::thread owner;
    explicit Win32MixedSet(bool last_is_free_mutex) {
        for (std::size_t i = 0; i < count; ++i) {
            if (i % 3 == 1) handles[i] = CreateSemaphoreA(nullptr, 0, 1, nullptr);
            else if (i % 3 == 2) handles[i] = CreateMutexA(nullptr, FALSE, nullptr);
            else handles[i] = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        }
        if (last_is_free_mutex) {
            CloseHandle(handles[count - 1]);
            handles[count - 1] = CreateMutexA(nullptr, FALSE, nullptr);
        } else {
            SetEvent(handles[count - 1]);
        }
        owner = std::thread([this] {
            for (std::size_t i = 2; i < count - 1; i += 3) WaitForSingleObject(handles[i], 0);
            SetEvent(owned);
            WaitForSingleObject(owner_may_end, INFINITE);
            for (std::size_t i = 2; i < count - 1; i += 3) ReleaseMutex(handles[i]);
        });
        WaitForSingleObject(owned, INFINITE);
    }
    ~Win32MixedSet() {
        SetEvent(owner_may_end);
        owner.join();
        for (HANDLE h : handles) CloseHandle(h);
        CloseHandle(owner_may_end);
        CloseHandle(owned);
    }
};

void measure(Report& report, bool take, std::size_t calls, std::size_t batches) {
    std::size_t sink = 0;
    RawMixedSet raw(take);
    Win32MixedSet win32(take);
    const std::uint32_t self = 7;
    const auto r = summarize(per_call_ns([&](std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) {
            const std::size_t got = raw.try_any(self);
            sink += got;
            if (take) raw.words[got].store(0, std::memory_order_release);
        }
    }, calls, batches));
    const auto w = summarize(per_call_ns([&](std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) {
            sink += WaitForMultipleObjects(count, win32.handles.data(), FALSE, INFINITE);
            if (take) ReleaseMutex(win32.handles[count - 1]);
        }
    }, calls, batches));
    if (sink == 1) std::puts("");  // keeps the loops
    const std::string name = take ? "events.waitany64mixed.take" : "events.waitany64mixed.nosleep";
    report.add({name + " [raw scan]", r.p50, "ns"});
    Figure f{name + " [C API]", w.p50, "ns", "raw scan", r.p50, "<=2x raw scan"};
    f.met = f.ratio() <= 2;
    report.add(f);
}

}  // namespace

void run_mixed_waits(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 10000 : 100000;
    const std::size_t batches = settings.quick ? 11 : 31;
    measure(report, false, calls, batches);
    measure(report, true, calls, batches);
}

}  // namespace bench
