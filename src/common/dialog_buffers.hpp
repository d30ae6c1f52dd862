// pSendBuf and pRecvBuf, and who keeps them after their dialog.
//
// Legacy workers outlive their dialog: one woken just before a hang-up still
// copies into the buffers after End returned (the samples do). Freed memory
// there would corrupt the heap and end every dialog, so a pair is not freed
// while such a write can come: a single line (serial, pty, stdio) keeps its
// pair for its lifetime, as a RAS server keeps a port's buffers, and the
// pair of a dialog on a line that comes and goes (a tcp connection, a
// loopback) waits in a bounded quarantine before it is reused or freed.
#pragma once

#include <rasshost/win32.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace rasshost {

struct DialogBuffers {
    DialogBuffers(std::size_t send_size, std::size_t receive_size, bool line_owned);
    ~DialogBuffers();
    DialogBuffers(const DialogBuffers&) = delete;
    DialogBuffers& operator=(const DialogBuffers&) = delete;

    /** Zeroes both (what a late write left, a previous caller's typing). */
    void wipe() noexcept;

    std::vector<BYTE> send;
    std::vector<BYTE> receive;
    const bool line_owned;  // kept by the line, not quarantined
};

class BufferQuarantine {
public:
    /** Pairs waiting at most; past it the oldest is freed early. */
    static constexpr std::size_t max_pairs = 256;
    /** How long a pair waits before it may be reused or freed. */
    static constexpr std::chrono::seconds hold{60};
    /** Pairs past their hold kept for reuse rather than freed. */
    static constexpr std::size_t reserve = 16;

    /** A wiped pair for a new dialog: one that has served its time, or a
     *  new one. */
    std::shared_ptr<DialogBuffers> take(std::size_t send_size, std::size_t receive_size);
    /** A finished dialog's pair enters the quarantine. */
    void put(std::shared_ptr<DialogBuffers> pair);
    /** Pairs waiting now. */
    std::size_t size() const;

private:
    using Clock = std::chrono::steady_clock;
    mutable std::mutex mutex_;
    std::deque<std::pair<Clock::time_point, std::shared_ptr<DialogBuffers>>> waiting_;  // oldest first
};

}  // namespace rasshost
