/*
 * rasshost/win32/interlocked.h - the Interlocked functions and MemoryBarrier.
 *
 * On Windows <windows.h> declares them (compiler intrinsics) and this header
 * adds nothing. On POSIX they are static inline functions over the GCC/Clang
 * __atomic builtins, each a full barrier (sequentially consistent) as on
 * Windows, so a call costs the atomic instruction and nothing more. Return
 * values as documented: Increment, Decrement and Add the new value; Exchange,
 * ExchangeAdd, CompareExchange, And, Or and Xor the old one.
 * Valid C89/C99 and C++98 with GCC or Clang.
 */
#ifndef RASSHOST_WIN32_INTERLOCKED_H
#define RASSHOST_WIN32_INTERLOCKED_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)
#  define RASSHOST_INTERLOCKED_API static inline
#else
#  define RASSHOST_INTERLOCKED_API static __inline__ /* C89: GCC's spelling */
#endif
#define RASSHOST_SEQ_CST __ATOMIC_SEQ_CST

RASSHOST_EXTERN_C_BEGIN

typedef int64_t LONG64, *PLONG64;

RASSHOST_INTERLOCKED_API LONG InterlockedIncrement(LONG volatile *Addend)
{ return __atomic_add_fetch(Addend, 1, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedDecrement(LONG volatile *Addend)
{ return __atomic_sub_fetch(Addend, 1, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{ return __atomic_exchange_n(Target, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{ return __atomic_fetch_add(Addend, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedAdd(LONG volatile *Addend, LONG Value)
{ return __atomic_add_fetch(Addend, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedCompareExchange(LONG volatile *Destination, LONG ExChange, LONG Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, ExChange, 0, RASSHOST_SEQ_CST, RASSHOST_SEQ_CST);
    return Comperand; /* the old value, whether or not it was replaced */
}
RASSHOST_INTERLOCKED_API LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{ return __atomic_fetch_and(Destination, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{ return __atomic_fetch_or(Destination, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG InterlockedXor(LONG volatile *Destination, LONG Value)
{ return __atomic_fetch_xor(Destination, Value, RASSHOST_SEQ_CST); }

RASSHOST_INTERLOCKED_API PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{ return __atomic_exchange_n(Target, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange,
                                                                 PVOID Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, RASSHOST_SEQ_CST, RASSHOST_SEQ_CST);
    return Comperand;
}

RASSHOST_INTERLOCKED_API LONG64 InterlockedIncrement64(LONG64 volatile *Addend)
{ return __atomic_add_fetch(Addend, 1, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedDecrement64(LONG64 volatile *Addend)
{ return __atomic_sub_fetch(Addend, 1, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedExchange64(LONG64 volatile *Target, LONG64 Value)
{ return __atomic_exchange_n(Target, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend, LONG64 Value)
{ return __atomic_fetch_add(Addend, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedAdd64(LONG64 volatile *Addend, LONG64 Value)
{ return __atomic_add_fetch(Addend, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination, LONG64 ExChange,
                                                             LONG64 Comperand)
{
    __atomic_compare_exchange_n(Destination, &Comperand, ExChange, 0, RASSHOST_SEQ_CST, RASSHOST_SEQ_CST);
    return Comperand;
}
RASSHOST_INTERLOCKED_API LONG64 InterlockedAnd64(LONG64 volatile *Destination, LONG64 Value)
{ return __atomic_fetch_and(Destination, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedOr64(LONG64 volatile *Destination, LONG64 Value)
{ return __atomic_fetch_or(Destination, Value, RASSHOST_SEQ_CST); }
RASSHOST_INTERLOCKED_API LONG64 InterlockedXor64(LONG64 volatile *Destination, LONG64 Value)
{ return __atomic_fetch_xor(Destination, Value, RASSHOST_SEQ_CST); }

RASSHOST_EXTERN_C_END

/** A full memory barrier, as Windows' MemoryBarrier(). */
#define MemoryBarrier() __atomic_thread_fence(RASSHOST_SEQ_CST)

#endif /* RASSHOST_WIN32_INTERLOCKED_H */
