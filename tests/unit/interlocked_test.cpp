// The Interlocked functions: documented return values (new value for
// Increment, Decrement and Add; old value for the others), the compare in
// CompareExchange, pointer and 64-bit forms, and atomicity under contention.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

namespace {

constexpr int contention_threads = 4;
constexpr int contention_rounds = 100000;

DWORD WINAPI increment_and_decrement(LPVOID raw) {
    auto* counters = static_cast<LONG volatile*>(raw);
    for (int i = 0; i < contention_rounds; ++i) {
        InterlockedIncrement(&counters[0]);
        InterlockedExchangeAdd(&counters[1], 3);
        InterlockedDecrement(&counters[2]);
        // The compare-exchange loop, with the failed exchange's result as the
        // next guess (a plain read would race with the other threads).
        LONG seen = InterlockedCompareExchange(&counters[3], 0, 0);
        for (LONG previous; (previous = InterlockedCompareExchange(&counters[3], seen + 1, seen)) != seen;)
            seen = previous;
    }
    return 0;
}

}  // namespace

TEST_CASE("InterlockedIncrement and InterlockedDecrement return the new value, wrapping as 32-bit LONG") {
    LONG volatile value = 5;
    CHECK(InterlockedIncrement(&value) == 6);
    CHECK(value == 6);
    CHECK(InterlockedDecrement(&value) == 5);
    value = 0;
    CHECK(InterlockedDecrement(&value) == -1);
    value = 0x7FFFFFFF;
    CHECK(InterlockedIncrement(&value) == -0x7FFFFFFF - 1);
}

TEST_CASE("InterlockedExchange and InterlockedExchangeAdd return the old value") {
    LONG volatile value = 10;
    CHECK(InterlockedExchange(&value, 42) == 10);
    CHECK(value == 42);
    CHECK(InterlockedExchangeAdd(&value, 8) == 42);
    CHECK(value == 50);
    CHECK(InterlockedExchangeAdd(&value, -60) == 50);
    CHECK(value == -10);
}

TEST_CASE("InterlockedCompareExchange stores only when the value equals the comparand, and returns the old value") {
    LONG volatile value = 7;
    CHECK(InterlockedCompareExchange(&value, 9, 3) == 7);
    CHECK(value == 7);
    CHECK(InterlockedCompareExchange(&value, 9, 7) == 7);
    CHECK(value == 9);
}

TEST_CASE("InterlockedExchangePointer and InterlockedCompareExchangePointer") {
    int a = 0, b = 0;
    PVOID volatile pointer = &a;
    CHECK(InterlockedExchangePointer(&pointer, &b) == &a);
    CHECK(pointer == &b);
    CHECK(InterlockedCompareExchangePointer(&pointer, nullptr, &a) == &b);
    CHECK(pointer == &b);
    CHECK(InterlockedCompareExchangePointer(&pointer, nullptr, &b) == &b);
    CHECK(pointer == nullptr);
}

TEST_CASE("the 64-bit forms work on values beyond 32 bits") {
    LONG64 volatile value = 0x100000000LL;
    CHECK(InterlockedIncrement64(&value) == 0x100000001LL);
    CHECK(InterlockedDecrement64(&value) == 0x100000000LL);
    CHECK(InterlockedExchange64(&value, 0x200000000LL) == 0x100000000LL);
    CHECK(InterlockedExchangeAdd64(&value, 0x100000000LL) == 0x200000000LL);
    CHECK(value == 0x300000000LL);
    CHECK(InterlockedCompareExchange64(&value, 1, 0x300000000LL) == 0x300000000LL);
    CHECK(value == 1);
}

TEST_CASE("InterlockedAnd, InterlockedOr and InterlockedXor return the old value") {
    LONG volatile value = 0x0F;
    CHECK(InterlockedAnd(&value, 0x3C) == 0x0F);
    CHECK(value == 0x0C);
    CHECK(InterlockedOr(&value, 0x30) == 0x0C);
    CHECK(value == 0x3C);
    CHECK(InterlockedXor(&value, 0xFF) == 0x3C);
    CHECK(value == 0xC3);
}

TEST_CASE("Interlocked operations lose no update under contention, and MemoryBarrier compiles as a statement") {
    LONG volatile counters[4] = {0, 0, 0, 0};
    HANDLE threads[contention_threads];
    for (HANDLE& thread : threads) {
        thread = CreateThread(nullptr, 0, increment_and_decrement, const_cast<LONG*>(counters), 0, nullptr);
        REQUIRE(thread != nullptr);
    }
    CHECK(WaitForMultipleObjects(contention_threads, threads, TRUE, 60000) == WAIT_OBJECT_0);
    for (HANDLE thread : threads) CloseHandle(thread);
    MemoryBarrier();
    const LONG total = contention_threads * contention_rounds;
    CHECK(counters[0] == total);
    CHECK(counters[1] == 3 * total);
    CHECK(counters[2] == -total);
    CHECK(counters[3] == total);
}
