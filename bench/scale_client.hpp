// The tcp users of a large scale run live in a child process: this program
// again, as `rasshost-bench --scale-client PORT N PROBES`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace bench::scale {

// The remote users of a tcp run in a child process (this program again,
// `--scale-client PORT N PROBES`), for N too large for one process's fd
// limit (a dialog costs the host one fd and the user one). The child
// connects the users, says "idle P F" (prompted, failed) on stdout, waits
// for "go" on stdin, runs the probes and the burst, and writes their
// latencies, measured from the answer to the host's hang-up (EOF).
struct ChildRun {
    std::vector<double> probe, burst;
    std::size_t prompted = 0, failed = 0;
    double connect_seconds = 0;
};

// Parent side: spawns the child, calls `at_idle` (to measure) once all its
// users are at the prompt, then lets it run the probes and the burst.
ChildRun run_child_users(std::uint16_t port, std::size_t n, std::size_t probes, const std::function<void()>& at_idle);

}  // namespace bench::scale
