// The test process's own memory, from /proc/self/status (Linux). Where
// there is none (Windows, also under Wine) every figure is 0, and a test
// that needs them skips.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

namespace process_memory {

constexpr std::uint64_t MiB = 1024 * 1024;

// A field of /proc/self/status in bytes ("VmHWM", "VmRSS"), 0 if absent.
inline std::uint64_t status_bytes(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::stoull(line.substr(field.size() + 1)) * 1024;
    }
    return 0;
}

// The peak RSS so far (VmHWM).
inline std::uint64_t peak() { return status_bytes("VmHWM"); }

// Resets the peak RSS to the current RSS; returns the baseline to measure
// growth from (the current RSS if the kernel allowed the reset, else the
// peak so far).
inline std::uint64_t reset_peak() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5" << std::flush;
    return clear.good() ? status_bytes("VmRSS") : peak();
}

}  // namespace process_memory
