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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    World& w = world();
    const int which = input.ConsumeIntegralInRange<int>(0, 1);
    auto& host = *w.hosts[which];
    const std::size_t limit = host.options().input_queue_limit;

    auto pair = rasshost::make_loopback(w.io.get_executor(), "fuzz");
    auto remote = std::move(pair.remote_side);
    {
        std::lock_guard lock(shared().mutex);
        shared().outcome.reset();
    }
    const HPORT port = host.start_dialog(std::move(pair.host_side));
    BeginArgs begin{};
    {
        std::unique_lock lock(shared().mutex);
        FUZZ_CHECK(shared().changed.wait_for(lock, std::chrono::seconds(30),
                                             [&] { return shared().begun.count(port) == 1; }));
        begin = shared().begun[port];
        shared().begun.erase(port);
    }
    w.poll();

    // The model.
    FUZZ_CHECK(limit <= 4096);        // the ring's block is the limit from the start: it never grows
    std::deque<BYTE> queued;          // what the host should hold
    std::size_t head = 0;             // where the oldest queued byte sits in the ring's block
    // The pending read, chosen when the last one completed: into the ring
    // (all kept) or into the side buffer (kept as room allows), and its size.
    bool next_read_into_ring = false;
    std::size_t next_read_size = 0;
    auto choose_next_read = [&] {  // Dialog::read_next: InputRing::writable(kMaxRead), else the side buffer
        if (queued.empty()) head = 0;
        const auto tail = (head + queued.size()) % limit;
        const auto contiguous = std::min({limit - queued.size(), limit - tail, kMaxRead});
        next_read_into_ring = contiguous >= kMinRead;
        next_read_size = next_read_into_ring ? contiguous : kMinRead;
    };
    choose_next_read();  // the first read, issued when the dialog started
    std::uint64_t sent = 0, dropped = 0;
    std::optional<PendingModel> pending;
    WORD length = 0;                  // the DLL's WORD for the pending receive
    std::size_t expected_length = 0;  // set when the model delivers
    bool delivered = false;
    std::vector<BYTE> expected_bytes;
    DWORD last_bytes = 0;
    bool ever_received = false;

    auto deliver = [&] {
        const auto n = std::min<std::size_t>(queued.size(), pending->capacity);
        expected_bytes.assign(queued.begin(), queued.begin() + static_cast<std::ptrdiff_t>(n));
        queued.erase(queued.begin(), queued.begin() + static_cast<std::ptrdiff_t>(n));
        head = (head + n) % limit;
        expected_length = n;
        delivered = true;
    };
    // Checks a delivery the model made against what the host did.
    auto check_delivery = [&] {
        if (!delivered) {
            if (pending) FUZZ_CHECK(!signalled(w.event));
            return;
        }
        FUZZ_CHECK(signalled(w.event));
        FUZZ_CHECK(length == expected_length);
        FUZZ_CHECK(std::memcmp(pending->buffer, expected_bytes.data(), expected_length) == 0);
        last_bytes = static_cast<DWORD>(expected_length);
        pending.reset();
        delivered = false;
    };
    auto arrive = [&](const std::vector<BYTE>& bytes) {  // as the host reads them
        for (std::size_t at = 0, n = 0; at < bytes.size(); at += n) {
            n = std::min(next_read_size, bytes.size() - at);
            const auto room = limit - std::min(limit, queued.size());
            const auto kept = next_read_into_ring ? n : std::min(n, room);
            FUZZ_CHECK(kept <= room);  // a read into the ring only ever gets free space
            if (!next_read_into_ring && queued.empty()) head = 0;  // InputRing::push starts over too
            queued.insert(queued.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at),
                          bytes.begin() + static_cast<std::ptrdiff_t>(at + kept));
            dropped += n - kept;
            if (pending && !delivered && !queued.empty()) deliver();
            choose_next_read();
        }
    };
    auto receive = [&](PBYTE buffer, WORD requested, WORD capacity) {
        length = requested;
        const DWORD result = RasSecurityDialogReceive(port, buffer, &length, 0, w.event);
        if (requested == 0) {
            FUZZ_CHECK(result == ERROR_BUFFER_TOO_SMALL);
            return;
        }
        if (pending) {
            FUZZ_CHECK(result == ERROR_ASYNC_REQUEST_PENDING);
            return;
        }
        FUZZ_CHECK(result == PENDING);
        ever_received = true;
        pending = PendingModel{buffer, capacity};
        if (!queued.empty()) deliver();
        check_delivery();
        if (pending) FUZZ_CHECK(length == requested);  // untouched while pending
    };

    while (input.remaining_bytes() > 0) {
        switch (input.ConsumeIntegralInRange<int>(0, 5)) {
            case 0:
            case 1: {  // the remote writes
                const auto n = input.ConsumeIntegralInRange<std::size_t>(1, 3000);
                auto bytes = input.ConsumeBytes<BYTE>(n);
                if (bytes.empty()) break;
                remote->write(std::as_bytes(std::span(bytes.data(), bytes.size())));
                sent += bytes.size();
                w.poll();
                arrive(bytes);
                check_delivery();
                break;
            }
            case 2: {  // Receive into pRecvBuf at an offset; the host clamps
                const auto offset = input.ConsumeIntegralInRange<DWORD>(0, begin.receive_size - 1);
                const auto requested = input.ConsumeIntegral<WORD>();
                const auto room = begin.receive_size - offset;
                receive(begin.receive_buffer + offset, requested,
                        static_cast<WORD>(std::min<DWORD>(requested, room)));
                break;
            }
            case 3: {  // Receive into the DLL's own buffer: its WORD is trusted
                const auto requested = input.ConsumeIntegralInRange<WORD>(0, 2048);
                receive(w.scratch.data(), requested, requested);
                break;
            }
            case 4: {  // GetInfo agrees with the model
                RAS_SECURITY_INFO info{};
                FUZZ_CHECK(RasSecurityDialogGetInfo(port, &info) == NO_ERROR);
                FUZZ_CHECK(info.LastError == (pending ? PENDING : SUCCESS));
                if (!pending && ever_received) FUZZ_CHECK(info.BytesReceived == last_bytes);
                break;
            }
            default:  // a pause: the host runs, nothing arrives
                w.poll();
                check_delivery();
                break;
        }
    }

    // Drain: everything the model still holds must come out, in order.
    while (!queued.empty()) {
        if (!pending) receive(w.scratch.data(), 2048, 2048);
        FUZZ_CHECK(!pending);
    }
    // Complete (cancelling a pending receive silently) and wait for the outcome.
    SECURITY_MESSAGE message{};
    message.dwMsgId = SECURITYMSG_FAILURE;
    message.hPort = port;
    RasSecurityDialogComplete(&message);
    if (pending) {
        const WORD before = length;
        w.poll();
        FUZZ_CHECK(length == before);
        FUZZ_CHECK(!signalled(w.event));
    }
    rasshost::DialogOutcome outcome;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        w.poll();
        std::unique_lock lock(shared().mutex);
        if (shared().changed.wait_for(lock, std::chrono::microseconds(200), [] { return shared().outcome.has_value(); })) {
            outcome = *shared().outcome;
            break;
        }
        FUZZ_CHECK(std::chrono::steady_clock::now() < deadline);
    }
    remote.reset();
    w.poll();
    FUZZ_CHECK(outcome.port == port);
    FUZZ_CHECK(outcome.verdict == rasshost::Verdict::failure);
    FUZZ_CHECK(outcome.bytes_received == sent);
    FUZZ_CHECK(outcome.bytes_dropped == dropped);
    // Drops happen only to a full queue: the model drops nothing else, and
    // the host's count matches it exactly.
    ResetEvent(w.event);
    return 0;
}
