// GetSystemInfo: the machine's processors and page size, Windows' 64 KiB
// allocation granularity and a user address range shaped as Windows' own
// (docs/decisions.md#system-facts).
#include <rasshost/win32.h>

#include <unistd.h>

#include <cstdint>

#if defined(__i386__) || defined(__x86_64__)
#include <cpuid.h>
#endif

namespace {

struct Processor {
    WORD architecture;
    DWORD type;
    WORD level = 0;
    WORD revision = 0;
};

// The processor as Windows describes it: on x86 the family is the level and
// model and stepping the revision, from CPUID.
Processor processor() {
#if defined(__x86_64__) || defined(__i386__)
#if defined(__x86_64__)
    Processor p{PROCESSOR_ARCHITECTURE_AMD64, PROCESSOR_AMD_X8664};
#else
    Processor p{PROCESSOR_ARCHITECTURE_INTEL, PROCESSOR_INTEL_PENTIUM};
#endif
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0) {
        unsigned family = (eax >> 8) & 0xFu, model = (eax >> 4) & 0xFu;
        if (family == 0xFu) family += (eax >> 20) & 0xFFu;
        if (family >= 6u) model |= ((eax >> 16) & 0xFu) << 4;
        p.level = static_cast<WORD>(family);
        p.revision = static_cast<WORD>((model << 8) | (eax & 0xFu));
    }
    return p;
#elif defined(__aarch64__)
    return {PROCESSOR_ARCHITECTURE_ARM64, 0};
#elif defined(__arm__)
    return {PROCESSOR_ARCHITECTURE_ARM, 0};
#else
    return {PROCESSOR_ARCHITECTURE_UNKNOWN, 0};
#endif
}

}  // namespace

extern "C" void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo) {
    if (lpSystemInfo == nullptr) return;
    const Processor p = processor();
    const long online = sysconf(_SC_NPROCESSORS_ONLN);
    const DWORD count = online > 0 ? static_cast<DWORD>(online) : 1;
    const long page = sysconf(_SC_PAGESIZE);
    SYSTEM_INFO info{};
    info.wProcessorArchitecture = p.architecture;
    info.dwPageSize = page > 0 ? static_cast<DWORD>(page) : 4096;
    info.lpMinimumApplicationAddress = reinterpret_cast<LPVOID>(std::uintptr_t{0x10000});
    info.lpMaximumApplicationAddress = reinterpret_cast<LPVOID>(
        sizeof(void*) == 8 ? static_cast<std::uintptr_t>(0x7FFFFFFEFFFFULL) : std::uintptr_t{0x7FFEFFFF});
    // Windows reports the processors of one group (at most one per bit).
    const DWORD bits = sizeof(DWORD_PTR) * 8;
    info.dwNumberOfProcessors = count < bits ? count : bits;
    info.dwActiveProcessorMask = count >= bits ? ~DWORD_PTR{0} : (DWORD_PTR{1} << count) - 1;
    info.dwProcessorType = p.type;
    info.dwAllocationGranularity = 0x10000;
    info.wProcessorLevel = p.level;
    info.wProcessorRevision = p.revision;
    *lpSystemInfo = info;
}
