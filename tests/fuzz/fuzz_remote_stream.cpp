// libFuzzer target: the byte stream from a remote user into a live dialog,
// checked against a model.
//
// The input decides, step by step: how many bytes the remote writes (and
// which), and the DLL side's Receives (capacity, offset inside pRecvBuf or a
// buffer of its own, the zero-capacity error), GetInfo probes and pauses.
// The harness runs the host's io_context itself (poll, no io thread), so
// every step is deterministic and needs no sleep: after a write and a poll
// the host has read everything the line held.
//
// The model: the host reads the line straight into its input queue, a ring
// (src/common/input_ring.hpp; one block of HostOptions::input_queue_limit
// bytes here, both limits being at most 4 KiB). Where the next read goes is
// chosen when the previous one completes: the ring's free space from its
// tail to the end of the block (an empty ring starts over at the block's
// start), at most 4 KiB, all of which is kept, if that is at least 512
// bytes; else a 512-byte side buffer, of which the host keeps what fits in
// the queue when the read completes and drops the rest, counting it. (With
// the 64-byte queue every read is the side buffer's.) A pending
// Receive takes min(queued, capacity) as soon as anything is queued. The
// check: every byte is delivered exactly once and in order, or dropped only
// when the queue was full; DialogOutcome::bytes_dropped equals the model's
// count; each Receive's WORD, event and GetInfo agree with the model.
//
// Two persistent hosts (one host per process would do; two give a tiny
// queue and a normal one): a small one (16-byte pRecvBuf, 64-byte queue)
// and the default one (1500, 4 KiB), picked by the first input byte.
#include <rasshost/host.hpp>
#include <rasshost/loopback.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t kMaxRead = 4096;  // Dialog::max_read (dialog.hpp)
constexpr std::size_t kMinRead = 512;   // Dialog::min_read, the side buffer's size

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "fuzz_remote_stream: check failed: %s (line %d)\n", #cond, \
                         __LINE__);                                                        \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

struct BeginArgs {
    PBYTE send_buffer;
    DWORD send_size;
    PBYTE receive_buffer;
    DWORD receive_size;
};

struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::map<HPORT, BeginArgs> begun;
    std::optional<rasshost::DialogOutcome> outcome;
};

Shared& shared() {
    static Shared* instance = new Shared;
    return *instance;
}

DWORD WINAPI fuzz_begin(HPORT port, PBYTE send, DWORD send_size, PBYTE receive, DWORD receive_size,
                        RASSHOST_PFN_COMPLETE) {
    std::lock_guard lock(shared().mutex);
    shared().begun[port] = {send, send_size, receive, receive_size};
    shared().changed.notify_all();
    return NO_ERROR;
}

DWORD WINAPI fuzz_end(HPORT) { return ERROR_PORT_DISCONNECTED; }

struct World {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    std::unique_ptr<rasshost::SecurityHost> hosts[2];
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    std::vector<BYTE> scratch = std::vector<BYTE>(65536);

    World() {
        for (int i = 0; i < 2; ++i) {
            rasshost::HostOptions options;
            options.receive_buffer_size = i == 0 ? 16 : 1500;
            options.input_queue_limit = i == 0 ? 64 : 4096;
            options.end_grace_period = std::chrono::seconds(0);
            options.on_outcome = [](const rasshost::DialogOutcome& outcome) {
                std::lock_guard lock(shared().mutex);
                shared().outcome = outcome;
                shared().changed.notify_all();
            };
            hosts[i] = std::make_unique<rasshost::SecurityHost>(io, rasshost::SecurityDll{&fuzz_begin, &fuzz_end},
                                                                  options);
        }
    }

    void poll() {
        while (io.poll() > 0) {
        }
    }
};

World& world() {
    static World* instance = new World;  // never destroyed: threads of the hosts outlive main's return
    return *instance;
}

bool signalled(HANDLE event) { return WaitForSingleObject(event, 0) == WAIT_OBJECT_0; }

struct PendingModel {
    PBYTE buffer;
    WORD capacity;  // after the host's clamp
};

// The host's input queue as the header describes it: what it holds, where
// its next read goes, and what it dropped.
class QueueModel {
public:
    explicit QueueModel(std::size_t limit) : limit_(limit) {
        FUZZ_CHECK(limit <= 4096);  // the ring's block is the limit from the start: it never grows
        choose_next_read();         // the first read, issued when the dialog started
    }

    bool empty() const { return queued_.empty(); }
    std::size_t size() const { return queued_.size(); }
    std::uint64_t dropped() const { return dropped_; }

    // Bytes arrive, `arrived` called after each read the host makes of them.
    template <class Arrived>
    void arrive(const std::vector<BYTE>& bytes, Arrived arrived) {
        for (std::size_t at = 0, n = 0; at < bytes.size(); at += n) {
            n = std::min(next_read_size_, bytes.size() - at);
            const auto room = limit_ - std::min(limit_, queued_.size());
            const auto kept = next_read_into_ring_ ? n : std::min(n, room);
            FUZZ_CHECK(kept <= room);  // a read into the ring only ever gets free space
            if (!next_read_into_ring_ && queued_.empty()) head_ = 0;  // InputRing::push starts over too
            queued_.insert(queued_.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at),
                           bytes.begin() + static_cast<std::ptrdiff_t>(at + kept));
            dropped_ += n - kept;
            arrived();
            choose_next_read();
        }
    }

    // The oldest `n` bytes (at most what is queued) leave the queue.
    std::vector<BYTE> take(std::size_t n) {
        n = std::min(n, queued_.size());
        std::vector<BYTE> taken(queued_.begin(), queued_.begin() + static_cast<std::ptrdiff_t>(n));
        queued_.erase(queued_.begin(), queued_.begin() + static_cast<std::ptrdiff_t>(n));
        head_ = (head_ + n) % limit_;
        return taken;
    }

private:
    // Dialog::read_next: InputRing::writable(kMaxRead), else the side buffer.
    void choose_next_read() {
        if (queued_.empty()) head_ = 0;
        const auto tail = (head_ + queued_.size()) % limit_;
        const auto contiguous = std::min({limit_ - queued_.size(), limit_ - tail, kMaxRead});
        next_read_into_ring_ = contiguous >= kMinRead;
        next_read_size_ = next_read_into_ring_ ? contiguous : kMinRead;
    }

    std::size_t limit_;
    std::deque<BYTE> queued_;  // what the host should hold
    std::size_t head_ = 0;     // where the oldest queued byte sits in the ring's block
    // The pending read, chosen when the last one completed: into the ring
    // (all kept) or into the side buffer (kept as room allows), and its size.
    bool next_read_into_ring_ = false;
    std::size_t next_read_size_ = 0;
    std::uint64_t dropped_ = 0;
};

// One run: a dialog on one of the hosts, the DLL's Receives on it, checked
// against the model step by step.
class Run {
public:
    Run(const std::uint8_t* data, std::size_t size)
        : input_(data, size), host_(*w_.hosts[input_.ConsumeIntegralInRange<int>(0, 1)]),
          model_(host_.options().input_queue_limit) {
        auto pair = rasshost::make_loopback(w_.io.get_executor(), "fuzz");
        remote_ = std::move(pair.remote_side);
        {
            std::lock_guard lock(shared().mutex);
            shared().outcome.reset();
        }
        port_ = host_.start_dialog(std::move(pair.host_side));
        std::unique_lock lock(shared().mutex);
        FUZZ_CHECK(shared().changed.wait_for(lock, std::chrono::seconds(30),
                                             [&] { return shared().begun.count(port_) == 1; }));
        begin_ = shared().begun[port_];
        shared().begun.erase(port_);
    }

    void play() {
        w_.poll();
        while (input_.remaining_bytes() > 0) {
            switch (input_.ConsumeIntegralInRange<int>(0, 5)) {
                case 0:
                case 1: remote_writes(); break;
                case 2: receive_at_offset(); break;
                case 3: receive_into_own_buffer(); break;
                case 4: get_info(); break;
                default:  // a pause: the host runs, nothing arrives
                    w_.poll();
                    check_delivery();
                    break;
            }
        }
    }

    // Everything still queued comes out in order; Complete ends the dialog
    // with the right counts.
    void finish();

private:
    void deliver();
    void check_delivery();
    void receive(PBYTE buffer, WORD requested, WORD capacity);
    void remote_writes();
    void receive_at_offset();
    void receive_into_own_buffer();
    void get_info();
    rasshost::DialogOutcome wait_outcome();

    FuzzedDataProvider input_;
    World& w_ = world();
    rasshost::SecurityHost& host_;
    QueueModel model_;
    std::unique_ptr<rasshost::RemoteEnd> remote_;
    HPORT port_ = nullptr;
    BeginArgs begin_{};
    std::uint64_t sent_ = 0;
    std::optional<PendingModel> pending_;
    WORD length_ = 0;                  // the DLL's WORD for the pending receive
    bool delivered_ = false;           // the model delivered to the pending receive
    std::vector<BYTE> expected_bytes_;
    DWORD last_bytes_ = 0;
    bool ever_received_ = false;
};

void Run::deliver() {
    expected_bytes_ = model_.take(pending_->capacity);
    delivered_ = true;
}

// Checks a delivery the model made against what the host did.
void Run::check_delivery() {
    if (!delivered_) {
        if (pending_) FUZZ_CHECK(!signalled(w_.event));
        return;
    }
    FUZZ_CHECK(signalled(w_.event));
    FUZZ_CHECK(length_ == expected_bytes_.size());
    FUZZ_CHECK(std::memcmp(pending_->buffer, expected_bytes_.data(), expected_bytes_.size()) == 0);
    last_bytes_ = static_cast<DWORD>(expected_bytes_.size());
    pending_.reset();
    delivered_ = false;
}

void Run::receive(PBYTE buffer, WORD requested, WORD capacity) {
    length_ = requested;
    const DWORD result = RasSecurityDialogReceive(port_, buffer, &length_, 0, w_.event);
    if (requested == 0) {
        FUZZ_CHECK(result == ERROR_BUFFER_TOO_SMALL);
        return;
    }
    if (pending_) {
        FUZZ_CHECK(result == ERROR_ASYNC_REQUEST_PENDING);
        return;
    }
    FUZZ_CHECK(result == PENDING);
    ever_received_ = true;
    pending_ = PendingModel{buffer, capacity};
    if (!model_.empty()) deliver();
    check_delivery();
    if (pending_) FUZZ_CHECK(length_ == requested);  // untouched while pending
}

void Run::remote_writes() {
    const auto n = input_.ConsumeIntegralInRange<std::size_t>(1, 3000);
    auto bytes = input_.ConsumeBytes<BYTE>(n);
    if (bytes.empty()) return;
    remote_->write(std::as_bytes(std::span(bytes.data(), bytes.size())));
    sent_ += bytes.size();
    w_.poll();
    model_.arrive(bytes, [this] {
        if (pending_ && !delivered_ && !model_.empty()) deliver();
    });
    check_delivery();
}

// Into pRecvBuf at an offset; the host clamps.
void Run::receive_at_offset() {
    const auto offset = input_.ConsumeIntegralInRange<DWORD>(0, begin_.receive_size - 1);
    const auto requested = input_.ConsumeIntegral<WORD>();
    const auto room = begin_.receive_size - offset;
    receive(begin_.receive_buffer + offset, requested, static_cast<WORD>(std::min<DWORD>(requested, room)));
}

// Into the DLL's own buffer: its WORD is trusted.
void Run::receive_into_own_buffer() {
    const auto requested = input_.ConsumeIntegralInRange<WORD>(0, 2048);
    receive(w_.scratch.data(), requested, requested);
}

// GetInfo agrees with the model.
void Run::get_info() {
    RAS_SECURITY_INFO info{};
    FUZZ_CHECK(RasSecurityDialogGetInfo(port_, &info) == NO_ERROR);
    FUZZ_CHECK(info.LastError == (pending_ ? PENDING : SUCCESS));
    if (!pending_ && ever_received_) FUZZ_CHECK(info.BytesReceived == last_bytes_);
}

rasshost::DialogOutcome Run::wait_outcome() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        w_.poll();
        std::unique_lock lock(shared().mutex);
        if (shared().changed.wait_for(lock, std::chrono::microseconds(200),
                                      [] { return shared().outcome.has_value(); }))
            return *shared().outcome;
        FUZZ_CHECK(std::chrono::steady_clock::now() < deadline);
    }
}

void Run::finish() {
    while (!model_.empty()) {
        if (!pending_) receive(w_.scratch.data(), 2048, 2048);
        FUZZ_CHECK(!pending_);
    }
    // Complete (cancelling a pending receive silently) and wait for the outcome.
    SECURITY_MESSAGE message{};
    message.dwMsgId = SECURITYMSG_FAILURE;
    message.hPort = port_;
    RasSecurityDialogComplete(&message);
    if (pending_) {
        const WORD before = length_;
        w_.poll();
        FUZZ_CHECK(length_ == before);
        FUZZ_CHECK(!signalled(w_.event));
    }
    const auto outcome = wait_outcome();
    remote_.reset();
    w_.poll();
    FUZZ_CHECK(outcome.port == port_);
    FUZZ_CHECK(outcome.verdict == rasshost::Verdict::failure);
    FUZZ_CHECK(outcome.bytes_received == sent_);
    // Drops happen only to a full queue: the model drops nothing else, and
    // the host's count matches it exactly.
    FUZZ_CHECK(outcome.bytes_dropped == model_.dropped());
    ResetEvent(w_.event);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Run run(data, size);
    run.play();
    run.finish();
    return 0;
}
