// Guessing over tcp: 16 parallel connections from one address against a DLL
// that answers every wrong code at once. Without limits the guess rate is
// what the machine can do; with the failure delay, the per-source cap and
// the per-source penalty it falls to a handful in the first seconds, the
// source is refused with one line, and a second source still logs in at
// once. The rates are printed (MESSAGE); the bounds are what the limits
// allow, not timings.
#include "fake_dll.hpp"
#include "fault_helpers.hpp"

#include <rasshost/listeners.hpp>
#include <rasshost/port_spec.hpp>

#include <asio/connect.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read_until.hpp>
#include <asio/write.hpp>

#include <array>
#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

using tcp = asio::ip::tcp;

// The DLL: prompts "Code: ", takes one line; "123456" logs in as alice,
// anything else is "Denied" and FAILURE. One worker thread per dialog,
// stopped and joined by End.
class GuessingTarget {
public:
    GuessingTarget() {
        dll_.on_begin = [this](const BeginCall& call) { return begin(call); };
        dll_.on_end = [this](HPORT port) { return end(port); };
    }
    ~GuessingTarget() {
        std::lock_guard lock(mutex_);
        for (auto& [port, worker] : workers_) stop(*worker);
    }
    static rasshost::SecurityDll entry_points() { return FakeDll::entry_points(); }

private:
    struct Worker {
        HANDLE stop = CreateEventA(nullptr, TRUE, FALSE, nullptr);
        HANDLE received = CreateEventA(nullptr, FALSE, FALSE, nullptr);
        WORD length = 0;
        std::thread thread;
        ~Worker() {
            CloseHandle(stop);
            CloseHandle(received);
        }
    };

    static void stop(Worker& worker) {
        SetEvent(worker.stop);
        if (worker.thread.joinable()) worker.thread.join();
    }

    static void run(const BeginCall& call, Worker& w) {
        std::memcpy(call.send_buffer, "Code: ", 6);
        if (RasSecurityDialogSend(call.port, call.send_buffer, 6) != PENDING) return;
        std::string line;
        while (line.find('\r') == std::string::npos) {
            w.length = static_cast<WORD>(call.receive_size);
            if (RasSecurityDialogReceive(call.port, call.receive_buffer, &w.length, 0, w.received) != PENDING) return;
            HANDLE both[] = {w.stop, w.received};
            if (WaitForMultipleObjects(2, both, FALSE, INFINITE) != WAIT_OBJECT_0 + 1 || w.length == 0) return;
            line.append(reinterpret_cast<const char*>(call.receive_buffer), w.length);
        }
        const bool right = line.starts_with("123456\r");
        const char* answer = right ? "Welcome\r\n" : "Denied\r\n";
        std::memcpy(call.send_buffer, answer, std::strlen(answer));
        RasSecurityDialogSend(call.port, call.send_buffer, static_cast<WORD>(std::strlen(answer)));
        SECURITY_MESSAGE message = verdict(call.port, right ? SECURITYMSG_SUCCESS : SECURITYMSG_FAILURE, "alice");
        RasSecurityDialogComplete(&message);
    }

    DWORD begin(const BeginCall& call) {
        auto worker = std::make_unique<Worker>();
        worker->thread = std::thread([call, w = worker.get()] { run(call, *w); });
        std::lock_guard lock(mutex_);
        workers_.emplace(call.port, std::move(worker));
        return NO_ERROR;
    }

    DWORD end(HPORT port) {
        std::unique_ptr<Worker> worker;
        {
            std::lock_guard lock(mutex_);
            auto it = workers_.find(port);
            if (it == workers_.end()) return ERROR_PORT_DISCONNECTED;
            worker = std::move(it->second);
            workers_.erase(it);
        }
        stop(*worker);
        return ERROR_PORT_DISCONNECTED;
    }

    FakeDll dll_;
    std::mutex mutex_;
    std::map<HPORT, std::unique_ptr<Worker>> workers_;
};

// A host with one tcp listener on 127.0.0.1 and an io thread.
struct TcpHost {
    explicit TcpHost(rasshost::HostOptions options) {
        options.on_log = [this](rasshost::LogLevel level, std::string_view line) {
            if (level < rasshost::LogLevel::warning) return;
            std::lock_guard lock(mutex);
            if (log.size() < 1000) log.emplace_back(line);
        };
        host.emplace(io, GuessingTarget::entry_points(), options);
        auto listener = rasshost::open_tcp_listener(io, rasshost::TcpSettings{"127.0.0.1", 0});
        port = listener->local_port();
        host->serve(std::move(listener));
        runner = std::thread([this] { io.run(); });
    }
    ~TcpHost() {
        host->shutdown();
        work.reset();
        runner.join();
    }
    bool logged(std::string_view text) {
        std::lock_guard lock(mutex);
        return std::any_of(log.begin(), log.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; });
    }

    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    std::optional<rasshost::SecurityHost> host;
    std::uint16_t port = 0;
    std::thread runner;
    std::mutex mutex;
    std::vector<std::string> log;
};

// What the host said, without the telnet offer (IAC WILL ECHO, IAC WILL
// SGA) that opens every tcp line.
std::string without_offer(std::string said) {
    const std::string offer("\xFF\xFB\x01\xFF\xFB\x03", 6);
    if (said.starts_with(offer)) said.erase(0, offer.size());
    return said;
}

// One connection from `source`: what the host said after `answer` (or
// before a prompt, if it refused the call). Stops reading at `stop_at`
// (an attacker hangs up as soon as it knows), at EOF or after 10 s.
std::string call(asio::io_context& io, const char* source, std::uint16_t port, std::string_view answer,
                 std::string_view stop_at) {
    tcp::socket socket(io);
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(asio::ip::make_address(source), 0));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::string seen;
    std::error_code error;
    asio::read_until(socket, asio::dynamic_buffer(seen), std::string_view(": "), error);
    if (error || seen.find("Code: ") == std::string::npos) return without_offer(std::move(seen));  // refused
    asio::write(socket, asio::buffer(answer), error);
    asio::read_until(socket, asio::dynamic_buffer(seen), stop_at, error);
    return without_offer(std::move(seen));
}

struct Attack {
    std::atomic<int> denied{0};    // guesses answered
    std::atomic<int> refused{0};   // calls refused before a prompt
    double seconds = 0;
    double rate() const { return denied / seconds; }
};

// 16 threads guessing from 127.0.0.1 for `duration`, each hanging up as
// soon as it sees the answer (dodging the failure delay).
void attack(std::uint16_t port, std::chrono::seconds duration, Attack& result) {
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + duration;
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&] {
            asio::io_context io;
            while (std::chrono::steady_clock::now() < deadline) {
                try {
                    const auto seen = call(io, "127.0.0.1", port, "000000\r", "Denied");
                    if (seen.find("Denied") != std::string::npos) ++result.denied;
                    if (seen.find("too many") != std::string::npos) ++result.refused;
                } catch (const std::system_error&) {
                    // connection refused or reset: try again
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Each poll may open a call: 20 ms apart.
template <class Predicate>
bool wait_for(Predicate predicate) {
    return fault::wait_until(predicate, 20s, 20ms);
}

rasshost::HostOptions hardened() {
    rasshost::HostOptions options;
    options.fail_delay = 3s;
    options.dialog_timeout = 120s;
    options.limits.max_dialogs = 100;
    options.limits.max_dialogs_per_source = 10;
    options.limits.max_failures = 5;
    options.limits.failure_window = 60s;
    options.limits.penalty = 30s;
    options.limits.max_penalty = 600s;
    return options;
}

}  // namespace

TEST_CASE("Brute force over tcp: the guess rate per source falls to what the delay and penalty allow") {
    GuessingTarget target;
    Attack before;
    {
        TcpHost host(rasshost::HostOptions{});
        attack(host.port, 2s, before);
    }
    MESSAGE("no limits: " << before.denied.load() << " guesses in " << before.seconds << " s = " << before.rate()
                          << " guesses/s from one source");
    CHECK(before.denied > 15);  // the attack works without limits

    const auto options = hardened();
    TcpHost host(options);
    Attack after;
    attack(host.port, 6s, after);
    MESSAGE("with --fail-delay 3 and penalties: " << after.denied.load() << " guesses in " << after.seconds
                                                    << " s = " << after.rate() << " guesses/s; " << after.refused.load()
                                                    << " calls refused");
    // Before the penalty starts: the threshold, plus the calls already in
    // flight (at most the per-source cap); then every call is refused.
    CHECK(after.denied <= static_cast<int>(options.limits.max_failures + options.limits.max_dialogs_per_source));
    CHECK(after.refused > 0);
    CHECK(host.logged("127.0.0.1"));
    CHECK(host.logged("30 s"));

    // Another source is not held back by the first one's penalty.
    asio::io_context io;
    const auto start = std::chrono::steady_clock::now();
    const auto seen = call(io, "127.0.0.2", host.port, "123456\r", "Welcome");
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("127.0.0.2 logged in after " << took << " s");
    CHECK(seen.find("Welcome") != std::string::npos);
    CHECK(took < 5.0);
    // ... and 127.0.0.1 is refused with one line, before any prompt.
    const auto refused = call(io, "127.0.0.1", host.port, "123456\r", "Welcome");
    CHECK(refused == "rasshost: too many failures from your address, try again later\r\n");
}

namespace {

// A call from `source` that stays up: the socket, and what the host said
// first (the prompt, or the refusal before the host closed).
struct OpenCall {
    tcp::socket socket;
    std::string said;
};

OpenCall open_call(asio::io_context& io, const char* source, std::uint16_t port) {
    OpenCall call{tcp::socket(io), {}};
    call.socket.open(tcp::v4());
    call.socket.bind(tcp::endpoint(asio::ip::make_address(source), 0));
    call.socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::error_code error;
    asio::read_until(call.socket, asio::dynamic_buffer(call.said), std::string_view(": "), error);
    if (error) asio::read_until(call.socket, asio::dynamic_buffer(call.said), std::string_view("\n"), error);
    call.said = without_offer(std::move(call.said));
    return call;
}

}  // namespace

TEST_CASE("Caps: past max_dialogs_per_source a call gets one line and is closed, another source is served") {
    GuessingTarget target;
    rasshost::HostOptions options;
    options.limits.max_dialogs_per_source = 3;
    TcpHost host(options);
    asio::io_context io;
    std::vector<OpenCall> calls;
    for (int i = 0; i < 3; ++i) {
        calls.push_back(open_call(io, "127.0.0.1", host.port));
        CHECK(calls.back().said == "Code: ");
    }
    auto refused = open_call(io, "127.0.0.1", host.port);
    CHECK(refused.said == "rasshost: too many connections from your address, try again later\r\n");
    std::error_code error;
    std::array<char, 16> more{};
    CHECK(refused.socket.read_some(asio::buffer(more), error) == 0);  // closed after the line
    CHECK(error);
    CHECK(open_call(io, "127.0.0.2", host.port).said == "Code: ");
    CHECK(host.host->live_dialogs() <= 4);
    calls.front().socket.close();  // one ends: that source may call again
    CHECK(wait_for([&] { return open_call(io, "127.0.0.1", host.port).said == "Code: "; }));
}

TEST_CASE("Caps: past max_dialogs every source is refused, until a dialog ends") {
    GuessingTarget target;
    rasshost::HostOptions options;
    options.limits.max_dialogs = 2;
    TcpHost host(options);
    asio::io_context io;
    auto first = open_call(io, "127.0.0.1", host.port);
    auto second = open_call(io, "127.0.0.2", host.port);
    CHECK(second.said == "Code: ");
    CHECK(open_call(io, "127.0.0.3", host.port).said == "rasshost: too many connections, try again later\r\n");
    CHECK(host.logged("refused 1 call"));
    first.socket.close();
    CHECK(wait_for([&] { return open_call(io, "127.0.0.3", host.port).said == "Code: "; }));
}

TEST_CASE("Penalties: a hang-up after the prompt and a dialog timeout count as failures") {
    GuessingTarget target;
    rasshost::HostOptions options;
    options.limits.max_failures = 1;
    options.dialog_timeout = 1s;
    TcpHost host(options);
    asio::io_context io;
    {
        auto call = open_call(io, "127.0.0.1", host.port);
        CHECK(call.said == "Code: ");
        asio::write(call.socket, asio::buffer(std::string_view("0000")));  // half a guess, then hang up
    }
    const std::string refusal = "rasshost: too many failures from your address, try again later\r\n";
    CHECK(wait_for([&] { return open_call(io, "127.0.0.1", host.port).said == refusal; }));
    CHECK(host.logged("source 127.0.0.1: 1 failure within 60 s (the last: hang-up after a prompt)"));

    auto idle = open_call(io, "127.0.0.2", host.port);  // says nothing until the dialog timeout
    CHECK(idle.said == "Code: ");
    std::error_code error;
    std::array<char, 16> more{};
    while (!error) idle.socket.read_some(asio::buffer(more), error);  // the host hangs up
    CHECK(wait_for([&] { return host.logged("source 127.0.0.2: 1 failure within 60 s (the last: dialog timeout)"); }));
    CHECK(open_call(io, "127.0.0.2", host.port).said == refusal);
}
