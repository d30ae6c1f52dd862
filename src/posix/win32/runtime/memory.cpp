// SecureZeroMemory, the one memory call that is not an allocator (those are
// in win32/memory/).
#include <rasshost/win32.h>

#include <cstring>

extern "C" PVOID WINAPI SecureZeroMemory(PVOID ptr, SIZE_T cnt) {
    if (ptr == nullptr) return ptr;
    // explicit_bzero is specified never to be optimised away; the empty asm
    // with a memory clobber additionally tells the compiler the bytes are
    // observed, so link-time optimisation cannot drop the call either.
    explicit_bzero(ptr, cnt);
    __asm__ __volatile__("" : : "r"(ptr) : "memory");
    return ptr;
}
