// One run of the scale benchmark (scale.cpp): N users on one host, the
// phases that file's header describes, and what they measured.
#pragma once

#include "common.hpp"

#include <rasshost/win32.h>

#include <cstddef>
#include <vector>

namespace bench::scale {

enum class Transport { pty, tcp };

struct Result {
    std::size_t n = 0, rounds = 1, failures = 0, not_prompted = 0, no_outcome = 0;
    double connect_seconds = 0;
    bool remote_in_child = false;
    std::vector<double> probe;  // latencies, us (summarized where they are reported)
    Summary burst;
    double dialogs_per_second = 0;
    double memory_per_idle_kib = 0;
    std::size_t host_threads_idle = 0, host_threads_busy = 0, dll_threads = 0;
    double cpu_us_per_dialog = 0;
};

// The bench DLL's own controls, held by the bench across runs.
struct DllControl {
    HMODULE module = nullptr;
    DWORD (*workers)() = nullptr;
    void (*shutdown)() = nullptr;
};

// sequential: the N users call one after another, each alone on the host
// (connect, prompt, answer, outcome), and every one is a probe.
// Until `probes` probes are pooled, the N users call again, round after
// round on the same host (a round probes only N/2 of them): the probe
// latencies of every round are pooled and the failures summed; the other
// figures are the first round's.
Result run_one(const Settings& settings, const DllControl& dll, Transport transport, std::size_t n,
               std::size_t probes, bool sequential = false);

}  // namespace bench::scale
