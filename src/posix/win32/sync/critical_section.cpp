// CRITICAL_SECTION over a lock word inside the structure (LockCount): the
// classic three-state futex mutex (0 free, 1 held, 2 held with sleepers),
// so an uncontended Enter/Leave is one atomic instruction each and a Leave
// enters the kernel only when someone sleeps. Recursion and ownership are
// kept where Windows keeps them: OwningThread (the owner's thread id as a
// HANDLE value) and RecursionCount.
//
// OwningThread is read by threads that do not own the section (to tell a
// recursive Enter from a contended one), so it is accessed atomically;
// RecursionCount is only touched by the owner. A zero-filled section is a
// free one with no spinning, so a static section that was never initialised
// works (docs/decisions.md#critical-sections).
#include <rasshost/win32.h>

#include "posix/win32/sync/word_wait.hpp"

#include <cstdint>
#include <cstring>
#include <unistd.h>

namespace {

namespace word_wait = rasshost::posix::word_wait;

constexpr std::uint32_t free_word = 0, held = 1, held_with_sleepers = 2;
constexpr DWORD spin_count_bits = 0x00FFFFFFu;  // Windows keeps flags in the high byte

std::uint32_t* lock_word(LPCRITICAL_SECTION cs) noexcept {
    static_assert(sizeof(cs->LockCount) == sizeof(std::uint32_t));
    return reinterpret_cast<std::uint32_t*>(&cs->LockCount);
}

// The caller's GetCurrentThreadId() as a HANDLE value, cached per thread:
// the exported call costs a PLT jump and a dynamic TLS lookup, about as much
// as a whole uncontended Enter. Initial-exec TLS is one load; trivially
// destructible, so no thread_local destructor is registered.
__attribute__((tls_model("initial-exec"))) thread_local HANDLE cached_owner = nullptr;

// Out of line, as lock_contended below: the uncontended Enter then saves
// no registers.
[[gnu::noinline, gnu::cold]] HANDLE fetch_owner() noexcept {
    cached_owner = reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(GetCurrentThreadId()));
    return cached_owner;
}

HANDLE current_owner() noexcept {
    const HANDLE owner = cached_owner;
    return owner ? owner : fetch_owner();
}

HANDLE owner_of(LPCRITICAL_SECTION cs) noexcept { return __atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED); }

void become_owner(LPCRITICAL_SECTION cs, HANDLE me) noexcept {
    __atomic_store_n(&cs->OwningThread, me, __ATOMIC_RELAXED);
    cs->RecursionCount = 1;
}

bool try_lock(std::uint32_t* word) noexcept {
    std::uint32_t expected = free_word;
    return __atomic_compare_exchange_n(word, &expected, held, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Windows ignores spin counts on a single processor: spinning there only
// delays the owner.
bool spinning_helps() noexcept {
    static const bool several_cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1;
    return several_cpus;
}

[[gnu::noinline]] void lock_contended(LPCRITICAL_SECTION cs) noexcept {
    std::uint32_t* word = lock_word(cs);
    const ULONG_PTR spins = __atomic_load_n(&cs->SpinCount, __ATOMIC_RELAXED) & spin_count_bits;
    for (ULONG_PTR i = 0; i < spins; ++i) {
        if (__atomic_load_n(word, __ATOMIC_RELAXED) == free_word && try_lock(word)) return;
        cpu_relax();
    }
    // Mark the word "sleepers" before sleeping so the owner's Leave wakes
    // one; whoever takes it this way keeps the mark (it cannot know whether
    // other sleepers remain), at worst costing one needless wake.
    while (__atomic_exchange_n(word, held_with_sleepers, __ATOMIC_ACQUIRE) != free_word)
        word_wait::wait(word, held_with_sleepers);
}

void initialize(LPCRITICAL_SECTION cs, DWORD spin_count) noexcept {
    std::memset(static_cast<void*>(cs), 0, sizeof *cs);
    cs->DebugInfo = reinterpret_cast<PRTL_CRITICAL_SECTION_DEBUG>(static_cast<LONG_PTR>(-1));
    cs->SpinCount = spinning_helps() ? (spin_count & spin_count_bits) : 0;
}

}  // namespace

extern "C" void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection) {
    if (lpCriticalSection) initialize(lpCriticalSection, 0);
}

extern "C" BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount) {
    if (!lpCriticalSection) {
        SetLastError(ERROR_INVALID_PARAMETER);  // Windows would fault
        return FALSE;
    }
    initialize(lpCriticalSection, dwSpinCount);
    return TRUE;
}

extern "C" BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount, DWORD) {
    return InitializeCriticalSectionAndSpinCount(lpCriticalSection, dwSpinCount);
}

extern "C" DWORD WINAPI SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount) {
    if (!lpCriticalSection) return 0;
    const ULONG_PTR wanted = spinning_helps() ? (dwSpinCount & spin_count_bits) : 0;
    return static_cast<DWORD>(__atomic_exchange_n(&lpCriticalSection->SpinCount, wanted, __ATOMIC_RELAXED));
}

extern "C" void WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection) {
    if (!lpCriticalSection) return;
    const HANDLE me = current_owner();
    if (try_lock(lock_word(lpCriticalSection))) {
        become_owner(lpCriticalSection, me);
    } else if (owner_of(lpCriticalSection) == me) {
        ++lpCriticalSection->RecursionCount;  // only this thread can have stored its own id
    } else {
        lock_contended(lpCriticalSection);
        become_owner(lpCriticalSection, me);
    }
}

extern "C" BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection) {
    if (!lpCriticalSection) return FALSE;
    const HANDLE me = current_owner();
    if (try_lock(lock_word(lpCriticalSection))) {
        become_owner(lpCriticalSection, me);
        return TRUE;
    }
    if (owner_of(lpCriticalSection) != me) return FALSE;
    ++lpCriticalSection->RecursionCount;
    return TRUE;
}

extern "C" void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection) {
    if (!lpCriticalSection || owner_of(lpCriticalSection) != current_owner()) return;
    if (--lpCriticalSection->RecursionCount > 0) return;
    __atomic_store_n(&lpCriticalSection->OwningThread, HANDLE{}, __ATOMIC_RELAXED);
    std::uint32_t* word = lock_word(lpCriticalSection);
    if (__atomic_exchange_n(word, free_word, __ATOMIC_RELEASE) == held_with_sleepers) word_wait::wake_one(word);
}

extern "C" void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection) {
    if (lpCriticalSection) std::memset(static_cast<void*>(lpCriticalSection), 0, sizeof *lpCriticalSection);
}
