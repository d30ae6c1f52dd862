// The raw baselines of the receive-latency and throughput sections
// (io.cpp), measured in the same run as the host: bare fds, threads and
// futexes doing the host's work without the host.
#pragma once

#include <cstddef>
#include <vector>

namespace bench {

constexpr std::size_t chunk = 1500;         // the host's default pSendBuf / pRecvBuf size
constexpr std::size_t window = 512 * 1024;  // remote input in flight (the host queues up to 1 MiB here)

namespace raw {

// Latencies in microseconds, one sample per repetition.
// A reader thread: poll()+read() on a raw pty (or TCP pair), then a futex
// wake of the bench thread.
std::vector<double> receive_latency(bool tcp, std::size_t reps);
// write+poll+read of one byte on a raw pty, all on one thread: the floor.
std::vector<double> same_thread_pty(std::size_t reps);
// Two futex hand-offs, no I/O: the in-memory loopback's baseline.
std::vector<double> futex_round_trip(std::size_t reps);
// A post to an idle io_context thread, a futex back: Asio's reactor floor.
std::vector<double> asio_post_round_trip(std::size_t reps);

// MB/s. Writer thread -> raw pty -> the bench thread's reads.
double pty_throughput(std::size_t total, bool host_to_remote);
// Writer -> raw pty -> relay thread -> queue + futex -> the bench thread:
// the API's own three-thread hand-off.
double relay_throughput(std::size_t total);

}  // namespace raw
}  // namespace bench
