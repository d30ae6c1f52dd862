// libFuzzer target: a hostile security DLL. The input is a sequence of API
// calls in any order -- Send, Receive, GetInfo, Complete, the remote typing
// or hanging up (the host-side abort that leads to End), CloseHandle, new
// dialogs -- with valid, stale, NULL and forged HPORTs and HANDLEs, random
// WORD lengths and buffer pointers inside and outside the Begin buffers.
//
// Pointers are always valid memory of the size the call may use: the host
// may trust the DLL's WORD for a buffer outside pRecvBuf (docs/decisions.md#receive-arguments) and
// for a Send outside pSendBuf, so such pointers go into a 64 KiB scratch
// buffer; a dialog's own buffers are used only while that dialog exists.
//
// Checked: every return code is one documented for that call (the API's
// own codes and docs/decisions.md);
// GetInfo's LastError is one of SUCCESS/PENDING/619/638; End is called at
// most once per HPORT and never after a failed Begin; a dialog ends in
// SUCCESS only if the first Complete addressed to its HPORT said SUCCESS;
// every dialog ends with exactly one outcome; and nothing crashes (ASan,
// UBSan). The harness polls the host's io_context itself, so a run is
// repeatable.
#include <rasshost/host.hpp>
#include <rasshost/loopback.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <vector>

namespace {

#define FUZZ_CHECK(cond)                                                                                   \
    do {                                                                                                   \
        if (!(cond)) {                                                                                     \
            std::fprintf(stderr, "fuzz_hostile_dll: check failed: %s (line %d)\n", #cond, __LINE__);       \
            std::abort();                                                                                  \
        }                                                                                                  \
    } while (0)

struct BeginArgs {
    PBYTE send_buffer = nullptr;
    DWORD send_size = 0;
    PBYTE receive_buffer = nullptr;
    DWORD receive_size = 0;
};

struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::map<HPORT, BeginArgs> begun;
    std::map<HPORT, int> ends;                      // End calls per HPORT
    std::set<HPORT> failed_begins;
    std::vector<rasshost::DialogOutcome> outcomes;  // not yet collected
    DWORD begin_result = NO_ERROR;                  // what the next Begin returns
    DWORD end_result = ERROR_PORT_DISCONNECTED;     // what End returns
};

Shared& shared() {
    static Shared* instance = new Shared;
    return *instance;
}

DWORD WINAPI hostile_begin(HPORT port, PBYTE send, DWORD send_size, PBYTE receive, DWORD receive_size,
                           RASSHOST_PFN_COMPLETE) {
    std::lock_guard lock(shared().mutex);
    shared().begun[port] = {send, send_size, receive, receive_size};
    if (shared().begin_result != NO_ERROR) shared().failed_begins.insert(port);
    shared().changed.notify_all();
    return shared().begin_result;
}

DWORD WINAPI hostile_end(HPORT port) {
    std::lock_guard lock(shared().mutex);
    ++shared().ends[port];
    return shared().end_result;
}

struct World {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    std::unique_ptr<rasshost::SecurityHost> host;
    std::vector<BYTE> scratch = std::vector<BYTE>(65536 + 16);
    std::array<WORD, 4> words{};
    std::vector<HPORT> stale;  // HPORTs of dialogs already over

    World() {
        rasshost::HostOptions options;
        options.send_buffer_size = 100;
        options.receive_buffer_size = 200;
        options.input_queue_limit = 300;
        options.output_queue_limit = 65535;
        options.end_grace_period = std::chrono::seconds(0);
        options.flush_timeout = std::chrono::seconds(0);
        options.on_outcome = [](const rasshost::DialogOutcome& outcome) {
            std::lock_guard lock(shared().mutex);
            shared().outcomes.push_back(outcome);
            shared().changed.notify_all();
        };
        host = std::make_unique<rasshost::SecurityHost>(io, rasshost::SecurityDll{&hostile_begin, &hostile_end},
                                                         options);
    }
    void poll() {
        while (io.poll() > 0) {
        }
    }
};

World& world() {
    static World* instance = new World;
    return *instance;
}

struct Slot {
    HPORT port = nullptr;
    BeginArgs args;
    std::unique_ptr<rasshost::RemoteEnd> remote;
    bool line_open = false;
    bool over = false;             // its outcome arrived: its buffers may be gone
    DWORD first_complete = 0;      // dwMsgId of the first Complete addressed to it
};

const std::set<DWORD> send_codes{PENDING, ERROR_INVALID_PARAMETER, ERROR_INVALID_PORT_HANDLE,
                                 ERROR_ALREADY_DISCONNECTING, ERROR_PORT_DISCONNECTED, ERROR_NOT_ENOUGH_MEMORY};
const std::set<DWORD> receive_codes{PENDING,
                                    ERROR_INVALID_PARAMETER,
                                    ERROR_BUFFER_TOO_SMALL,
                                    ERROR_INVALID_HANDLE,
                                    ERROR_INVALID_PORT_HANDLE,
                                    ERROR_ALREADY_DISCONNECTING,
                                    ERROR_PORT_DISCONNECTED,
                                    ERROR_ASYNC_REQUEST_PENDING};
const std::set<DWORD> last_errors{SUCCESS, PENDING, ERROR_PORT_DISCONNECTED, ERROR_REQUEST_TIMEOUT};

// One run: the dialogs it started, the DLL's events, and the calls the
// input makes, in the input's order.
class Run {
public:
    Run(const std::uint8_t* data, std::size_t size) : input_(data, size) {
        {
            std::lock_guard lock(shared().mutex);
            shared().end_result = input_.ConsumeBool() ? NO_ERROR : ERROR_PORT_DISCONNECTED;
        }
        for (int i = 0; i < 3; ++i) events_.push_back(CreateEventA(nullptr, input_.ConsumeBool(), FALSE, nullptr));
    }

    void play() {
        start_dialog();
        while (input_.remaining_bytes() > 0) {
            switch (input_.ConsumeIntegralInRange<int>(0, 9)) {
                case 0: send(); break;
                case 1: receive(); break;
                case 2: get_info(); break;
                case 3: complete(); break;
                case 4: remote_types(); break;
                case 5: remote_hangs_up(); break;
                case 6: close_handle(); break;
                case 7: drain(); break;  // the host's output never backs up
                case 8: start_dialog(); break;
                default:  // the host runs
                    w_.poll();
                    collect();
                    break;
            }
        }
    }

    // The end of the run: every line hangs up, every dialog must end.
    void finish();

private:
    void collect();
    void start_dialog();
    Slot* pick_slot();
    HPORT pick_port();
    const BeginArgs* live_args(HPORT port);  // buffers that still exist
    HANDLE pick_event();
    PBYTE pick_buffer(const BeginArgs* args, bool for_send, WORD& length);
    void send();
    void receive();
    void get_info();
    void complete();
    void remote_types();
    void remote_hangs_up();
    void close_handle();
    void drain();
    void wait_all_over();

    FuzzedDataProvider input_;
    World& w_ = world();
    std::vector<Slot> slots_;
    std::map<HPORT, std::size_t> slot_of_;
    std::vector<HANDLE> events_;
    std::vector<HANDLE> closed_;
};

// Collects outcomes; marks their slots over and checks the verdict rule.
void Run::collect() {
    std::vector<rasshost::DialogOutcome> outcomes;
    {
        std::lock_guard lock(shared().mutex);
        outcomes.swap(shared().outcomes);
    }
    for (const auto& outcome : outcomes) {
        auto it = slot_of_.find(outcome.port);
        FUZZ_CHECK(it != slot_of_.end());
        Slot& slot = slots_[it->second];
        FUZZ_CHECK(!slot.over);  // exactly one outcome
        slot.over = true;
        if (outcome.verdict == rasshost::Verdict::success) FUZZ_CHECK(slot.first_complete == SECURITYMSG_SUCCESS);
        w_.stale.push_back(outcome.port);
        if (w_.stale.size() > 8) w_.stale.erase(w_.stale.begin());
    }
}

void Run::start_dialog() {
    if (slots_.size() >= 4) return;
    {
        std::lock_guard lock(shared().mutex);
        shared().begin_result = input_.ConsumeIntegralInRange<int>(0, 7) == 0 ? ERROR_ACCESS_DENIED : NO_ERROR;
    }
    auto pair = rasshost::make_loopback(w_.io.get_executor(), "hostile");
    Slot slot;
    slot.remote = std::move(pair.remote_side);
    slot.line_open = true;
    slot.port = w_.host->start_dialog(std::move(pair.host_side));
    {
        std::unique_lock lock(shared().mutex);
        FUZZ_CHECK(shared().changed.wait_for(lock, std::chrono::seconds(30),
                                             [&] { return shared().begun.count(slot.port) == 1; }));
        slot.args = shared().begun[slot.port];
        shared().begun.erase(slot.port);
    }
    slot_of_[slot.port] = slots_.size();
    slots_.push_back(std::move(slot));
    w_.poll();
    collect();
}

Slot* Run::pick_slot() {
    if (slots_.empty()) return nullptr;
    return &slots_[input_.ConsumeIntegralInRange<std::size_t>(0, slots_.size() - 1)];
}

HPORT Run::pick_port() {
    switch (input_.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: return nullptr;
        case 1: return INVALID_HANDLE_VALUE;
        case 2:
            return w_.stale.empty() ? nullptr
                                    : w_.stale[input_.ConsumeIntegralInRange<std::size_t>(0, w_.stale.size() - 1)];
        case 3: return reinterpret_cast<HPORT>(input_.ConsumeIntegral<std::uintptr_t>());
        default: {
            Slot* slot = pick_slot();
            return slot ? slot->port : nullptr;
        }
    }
}

const BeginArgs* Run::live_args(HPORT port) {
    auto it = slot_of_.find(port);
    if (it == slot_of_.end() || slots_[it->second].over) return nullptr;
    return &slots_[it->second].args;
}

HANDLE Run::pick_event() {
    switch (input_.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: return nullptr;
        case 1: return INVALID_HANDLE_VALUE;
        case 2: return closed_.empty() ? GetProcessHeap() : closed_.back();
        case 3: return reinterpret_cast<HANDLE>(input_.ConsumeIntegral<std::uintptr_t>());
        default: return events_[input_.ConsumeIntegralInRange<std::size_t>(0, events_.size() - 1)];
    }
}

// NULL, a place in the call's own Begin buffer (pSendBuf for a Send,
// pRecvBuf for a Receive: the host checks the length), in the dialog's other
// buffer (trusted by the host, so `length` is cut to stay inside), or the
// scratch buffer. Without a live dialog (`args` null), NULL or scratch.
PBYTE Run::pick_buffer(const BeginArgs* args, bool for_send, WORD& length) {
    const int where = input_.ConsumeIntegralInRange<int>(0, 3);
    if (where == 0) return nullptr;
    if (args == nullptr || where == 3) return w_.scratch.data();
    const PBYTE own = for_send ? args->send_buffer : args->receive_buffer;
    const DWORD own_size = for_send ? args->send_size : args->receive_size;
    const PBYTE other = for_send ? args->receive_buffer : args->send_buffer;
    const DWORD other_size = for_send ? args->receive_size : args->send_size;
    if (where == 1) return own + input_.ConsumeIntegralInRange<DWORD>(0, own_size - 1);
    const auto offset = input_.ConsumeIntegralInRange<DWORD>(0, other_size - 1);
    length = static_cast<WORD>(std::min<DWORD>(length, other_size - offset));
    return other + offset;
}

void Run::send() {
    const HPORT port = pick_port();
    const BeginArgs* args = live_args(port);
    WORD length = input_.ConsumeIntegral<WORD>();
    PBYTE buffer = pick_buffer(args, true, length);
    FUZZ_CHECK(send_codes.count(RasSecurityDialogSend(port, buffer, length)) == 1);
}

void Run::receive() {
    const HPORT port = pick_port();
    const BeginArgs* args = live_args(port);
    WORD* length = input_.ConsumeIntegralInRange<int>(0, 7) == 0
                       ? nullptr
                       : &w_.words[input_.ConsumeIntegralInRange<std::size_t>(0, w_.words.size() - 1)];
    WORD capacity = input_.ConsumeIntegral<WORD>();
    PBYTE buffer = pick_buffer(args, false, capacity);
    // The WORD may still belong to a pending receive: the host may write
    // it; it is static, so that is harmless here.
    if (length) *length = capacity;
    const DWORD timeout = input_.ConsumeIntegralInRange<DWORD>(0, 2);
    FUZZ_CHECK(receive_codes.count(RasSecurityDialogReceive(port, buffer, length, timeout, pick_event())) == 1);
}

void Run::get_info() {
    const HPORT port = pick_port();
    RAS_SECURITY_INFO info{};
    const bool null = input_.ConsumeIntegralInRange<int>(0, 7) == 0;
    const DWORD result = RasSecurityDialogGetInfo(port, null ? nullptr : &info);
    FUZZ_CHECK(result == NO_ERROR || result == ERROR_INVALID_PARAMETER || result == ERROR_INVALID_PORT_HANDLE);
    if (result == NO_ERROR) {
        FUZZ_CHECK(last_errors.count(info.LastError) == 1);
        FUZZ_CHECK(info.DeviceName[MAX_DEVICE_NAME] == '\0');
    }
}

void Run::complete() {
    if (input_.ConsumeIntegralInRange<int>(0, 15) == 0) {
        RasSecurityDialogComplete(nullptr);
        return;
    }
    auto message = std::make_unique<SECURITY_MESSAGE>();
    message->hPort = pick_port();
    const int id = input_.ConsumeIntegralInRange<int>(0, 5);
    message->dwMsgId = id == 5 ? input_.ConsumeIntegral<DWORD>() : static_cast<DWORD>(id);
    message->dwError = input_.ConsumeBool() ? input_.ConsumeIntegral<DWORD>() : 0;
    std::memset(message->UserName, input_.ConsumeIntegral<char>(), sizeof message->UserName);
    std::memset(message->Domain, input_.ConsumeIntegral<char>(), sizeof message->Domain);
    if (auto it = slot_of_.find(message->hPort); it != slot_of_.end() && slots_[it->second].first_complete == 0)
        slots_[it->second].first_complete = message->dwMsgId == 0 ? 0xFFFFFFFF : message->dwMsgId;
    RasSecurityDialogComplete(message.get());
    std::memset(message.get(), 0xCC, sizeof *message);  // the host must have copied it
}

void Run::remote_types() {
    Slot* slot = pick_slot();
    if (!slot || !slot->line_open) return;
    auto bytes = input_.ConsumeBytes<BYTE>(input_.ConsumeIntegralInRange<std::size_t>(1, 600));
    try {
        slot->remote->write(std::as_bytes(std::span(bytes.data(), bytes.size())));
    } catch (const std::system_error&) {
        slot->line_open = false;  // the host hung up
    }
}

// The host aborts the dialog and calls End.
void Run::remote_hangs_up() {
    Slot* slot = pick_slot();
    if (!slot || !slot->line_open) return;
    slot->remote->close();
    slot->line_open = false;
}

// An event of the DLL, or something that is no handle.
void Run::close_handle() {
    if (input_.ConsumeBool() && !events_.empty()) {
        const auto i = input_.ConsumeIntegralInRange<std::size_t>(0, events_.size() - 1);
        FUZZ_CHECK(CloseHandle(events_[i]));
        closed_.push_back(events_[i]);
        events_[i] = CreateEventA(nullptr, FALSE, FALSE, nullptr);
        return;
    }
    const HANDLE handle = closed_.empty() ? reinterpret_cast<HANDLE>(pick_port()) : closed_.front();
    if (handle != nullptr && handle != INVALID_HANDLE_VALUE && handle != GetProcessHeap())
        FUZZ_CHECK(!CloseHandle(handle));
}

void Run::drain() {
    for (auto& slot : slots_) {
        if (!slot.line_open) continue;
        std::array<std::byte, 4096> chunk;
        try {
            while (slot.remote->read_some(chunk, std::chrono::milliseconds(0)) > 0) {
            }
        } catch (const std::system_error&) {
            slot.line_open = false;
        }
    }
}

void Run::wait_all_over() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        w_.poll();
        collect();
        bool all_over = true;
        for (auto& slot : slots_) all_over = all_over && slot.over;
        if (all_over) return;
        FUZZ_CHECK(std::chrono::steady_clock::now() < deadline);
        std::unique_lock lock(shared().mutex);
        shared().changed.wait_for(lock, std::chrono::microseconds(200));
    }
}

void Run::finish() {
    for (auto& slot : slots_) {
        if (slot.line_open) slot.remote->close();
        slot.line_open = false;
    }
    wait_all_over();
    {
        std::lock_guard lock(shared().mutex);
        for (auto& slot : slots_) {
            const int ends = shared().ends.count(slot.port) ? shared().ends[slot.port] : 0;
            FUZZ_CHECK(ends <= 1);
            if (shared().failed_begins.count(slot.port)) FUZZ_CHECK(ends == 0);
            shared().ends.erase(slot.port);
            shared().failed_begins.erase(slot.port);
        }
    }
    for (auto& slot : slots_) {
        RAS_SECURITY_INFO info{};
        FUZZ_CHECK(RasSecurityDialogGetInfo(slot.port, &info) == ERROR_INVALID_PORT_HANDLE);
    }
    slots_.clear();
    w_.poll();
    for (HANDLE event : events_) CloseHandle(event);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Run run(data, size);
    run.play();
    run.finish();
    return 0;
}
