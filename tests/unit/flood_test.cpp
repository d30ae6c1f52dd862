// Floods: a remote user who sends 100 MB without pause, or one
// byte every 10 ms, does not grow the host's memory past its bound (the
// input queue, HostOptions::input_queue_limit, 4 KiB by default; the excess
// is dropped and counted), and a second dialog on the same host keeps
// working meanwhile.
//
// Memory is the peak RSS of this whole test process (VmHWM): the peak is
// reset (/proc/self/clear_refs, "5") or, where that is refused, read once as
// the baseline, after both dialogs are up; the growth under the flood is
// what the flood cost. The loopback line itself holds at most 64 KiB
// unread (its write blocks, like a socket), so what could grow is the host.
// Under ASan/TSan the shadow memory and ASan's quarantine make RSS
// meaningless and everything runs ~10x slower: there the flood is 16 MB and
// only correctness is checked; the figure is printed either way.
//
// A telnet client on a real tcp line that sends requests (IAC DO 1,
// IAC WILL 24) for up to 1 GiB and never reads what it is answered: the
// unsent answers are bounded (the line is not read while they exceed the
// bound), so the peak RSS grows by less than 1 MiB, and once the client
// reads again its typing reaches the DLL.
//
// The longer soak (one byte every 10 ms for 5 minutes), by hand:
//   RASSHOST_TRICKLE_BYTES=30000 build/tests/flood_test -tc='*trickle*' -s
#include <doctest/doctest.h>

#include "support/sanitizers.hpp"

#include "fake_dll.hpp"
#include "support/process_memory.hpp"
#include "telnet_client.hpp"

#include <rasshost/listeners.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

using namespace std::chrono_literals;
using rasshost::Verdict;
using rasshost::test::TestHost;

namespace {

using test_build::sanitized;

using process_memory::MiB;

void complete(HPORT port, DWORD id, const char* user) {
    SECURITY_MESSAGE message = verdict(port, id, user);
    RasSecurityDialogComplete(&message);
}

// The DLL's side of a dialog that reads everything until told to stop.
struct Reader {
    BeginCall call;
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> delivered{0};
    std::string collected;  // only kept when `keep` is set
    bool keep = false;
    std::thread thread;

    void start() {
        thread = std::thread([this] {
            ScopedEvent event;
            while (!stop) {
                WORD length = static_cast<WORD>(call.receive_size);
                if (RasSecurityDialogReceive(call.port, call.receive_buffer, &length, 0, event.handle) != PENDING) return;
                while (WaitForSingleObject(event.handle, 20) == WAIT_TIMEOUT) {
                    if (stop) {
                        // Complete with the receive still pending: the host
                        // cancels it silently (our `length` dies with us).
                        complete(call.port, SECURITYMSG_FAILURE, "reader");
                        // A delivery that beat the Complete still counts
                        // (its bytes are not read: after Complete the
                        // dialog, and pRecvBuf with it, may be gone).
                        if (WaitForSingleObject(event.handle, 0) == WAIT_OBJECT_0) delivered += length;
                        return;
                    }
                }
                delivered += length;
                if (keep) collected += bytes_of(call.receive_buffer, length);
            }
            complete(call.port, SECURITYMSG_FAILURE, "reader");
        });
    }
};

// The other dialog, which must keep working: prompt, answer, SUCCESS.
void run_bystander(FakeDll& dll, TestHost& host, rasshost::test::RemoteUser& user, const BeginCall& call) {
    (void)dll;
    std::thread worker([call] {
        ScopedEvent event;
        std::memcpy(call.send_buffer, "Name: ", 6);
        REQUIRE(RasSecurityDialogSend(call.port, call.send_buffer, 6) == PENDING);
        std::string name;
        while (name.find('\r') == std::string::npos) {
            WORD length = static_cast<WORD>(call.receive_size);
            REQUIRE(RasSecurityDialogReceive(call.port, call.receive_buffer, &length, 0, event.handle) == PENDING);
            REQUIRE(WaitForSingleObject(event.handle, 60000) == WAIT_OBJECT_0);
            REQUIRE(length > 0);
            name += bytes_of(call.receive_buffer, length);
        }
        name.pop_back();
        complete(call.port, SECURITYMSG_SUCCESS, name.c_str());
    });
    user.expect("Name: ", 60s);
    user.send("bystander\r");
    worker.join();
    (void)host;
}

// A host serving one call on a tcp listener, on its own io thread; the
// test plays the telnet client with a plain socket.
class TcpHost {
public:
    TcpHost() {
        rasshost::HostOptions options;
        options.on_outcome = [this](const rasshost::DialogOutcome& outcome) {
            std::lock_guard lock(mutex_);
            outcomes_.push_back(outcome);
        };
        host_ = std::make_unique<rasshost::SecurityHost>(io_, FakeDll::entry_points(), options);
        auto listener = rasshost::open_tcp_listener(io_, rasshost::TcpSettings{"127.0.0.1", 0});
        port_ = listener->local_port();
        host_->serve(std::move(listener), 1);
        runner_ = std::thread([this] { io_.run(); });
    }
    ~TcpHost() {
        host_->shutdown();
        work_.reset();
        io_.stop();
        runner_.join();
    }

    std::uint16_t port() const noexcept { return port_; }

    std::vector<rasshost::DialogOutcome> outcomes() {
        std::lock_guard lock(mutex_);
        return outcomes_;
    }

private:
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
    std::unique_ptr<rasshost::SecurityHost> host_;
    std::uint16_t port_ = 0;
    std::thread runner_;
    std::mutex mutex_;
    std::vector<rasshost::DialogOutcome> outcomes_;
};

// The client reads again and types `typed`: what the DLL receives up to CR.
std::string typed_after_flood(telnet_client::Client& client, const BeginCall& call, std::string typed) {
    ScopedEvent event;
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    std::string_view unsent = typed;
    while (received.find('\r') == std::string::npos) {
        WORD length = static_cast<WORD>(call.receive_size);
        REQUIRE(RasSecurityDialogReceive(call.port, call.receive_buffer, &length, 0, event.handle) == PENDING);
        while (WaitForSingleObject(event.handle, 1) != WAIT_OBJECT_0) {
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            client.drain();
            unsent.remove_prefix(client.try_write(unsent));
        }
        received += bytes_of(call.receive_buffer, length);
    }
    return received;
}

// 1 GiB of `request`, or until the host stops taking it, or 20 s.
void check_telnet_flood(std::string_view request, std::string_view name) {
    FakeDll dll;
    TcpHost host;
    telnet_client::Client client(host.port());
    const auto call = dll.wait_begin();
    const std::uint64_t baseline = process_memory::reset_peak();
    const auto flood = client.flood(request, sanitized ? 64 * MiB : 1024 * MiB, 20s);
    const std::uint64_t peak = process_memory::peak();
    const std::uint64_t growth = peak > baseline ? peak - baseline : 0;
    MESSAGE("telnet flood of " << name << ": sent " << flood.sent / MiB << " MiB in " << flood.seconds << " s"
                               << std::string(flood.host_stopped_reading ? " (then the host stopped reading)" : "")
                               << "; peak RSS growth " << growth / 1024 << " KiB"
                               << std::string(sanitized ? " (sanitizer build: not checked)" : ""));
    if (!sanitized) CHECK(growth < MiB);
    CHECK(typed_after_flood(client, call, flood.unfinished + "alice\r") == "alice\r");
    complete(call.port, SECURITYMSG_SUCCESS, "alice");
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (host.outcomes().empty() && std::chrono::steady_clock::now() < deadline) {
        client.drain();
        std::this_thread::sleep_for(5ms);
    }
    REQUIRE(host.outcomes().size() == 1);
    CHECK(host.outcomes().front().verdict == Verdict::success);
}

}  // namespace

TEST_CASE("Flood: telnet IAC DO 1 from a client that never reads -- bounded memory, the line still works") {
    check_telnet_flood("\xFF\xFD\x01", "IAC DO 1");
}

TEST_CASE("Flood: telnet IAC WILL 24 from a client that never reads -- bounded memory, the line still works") {
    check_telnet_flood("\xFF\xFB\x18", "IAC WILL 24");
}

TEST_CASE("Flood: 100 MB without pause stays within the input bound -- another dialog completes meanwhile") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());  // default bound: 4 KiB input, 1 MiB output
    auto flooder = host.connect("flooded");
    Reader reader;
    reader.call = dll.wait_begin();
    auto bystander = host.connect("bystander");
    const auto bystander_call = dll.wait_begin();
    reader.start();

    const std::uint64_t total = sanitized ? 16 * MiB : 100 * MiB;
    const std::uint64_t baseline = process_memory::reset_peak();
    const auto started = std::chrono::steady_clock::now();
    std::thread flood([&] {
        std::string chunk(64 * 1024, '\0');
        for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>('A' + i % 26);
        for (std::uint64_t sent = 0; sent < total; sent += chunk.size()) flooder.send(chunk);
    });
    run_bystander(dll, host, bystander, bystander_call);
    const auto bystander_outcome = host.wait_outcome(60s);
    flood.join();
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::uint64_t peak = process_memory::peak();
    const std::uint64_t growth = peak > baseline ? peak - baseline : 0;

    reader.stop = true;
    reader.thread.join();
    const auto outcome = host.wait_outcome(60s);

    CHECK(bystander_outcome.verdict == Verdict::success);
    CHECK(bystander_outcome.user == "bystander");
    CHECK(outcome.port == reader.call.port);
    CHECK(outcome.verdict == Verdict::failure);
    // Every byte was delivered or dropped, except at most what was still
    // queued (the bound) or still on the line (64 KiB) when the verdict came
    // -- input after a verdict is not for the DLL any more.
    const std::uint64_t delivered = reader.delivered.load();
    const std::uint64_t line_buffer = 64 * 1024;
    CHECK(outcome.bytes_received + line_buffer >= total);
    CHECK(outcome.bytes_received <= total);
    CHECK(delivered + outcome.bytes_dropped <= outcome.bytes_received);
    CHECK(delivered + outcome.bytes_dropped + host.host().options().input_queue_limit + line_buffer >= total);
    MESSAGE("flood: " << total / MiB << " MiB in " << seconds << " s; host read " << outcome.bytes_received
                      << " B, DLL got " << delivered << " B, dropped " << outcome.bytes_dropped
                      << " B; RSS baseline " << baseline / 1024 << " KiB, peak " << peak / 1024 << " KiB, growth "
                      << growth / 1024 << " KiB" << std::string(sanitized ? " (sanitizer build: not checked)" : ""));
    if (!sanitized) CHECK(growth < 32 * MiB);
}

TEST_CASE("Flood: one byte every 10 ms (trickle) is delivered exactly -- another dialog completes meanwhile") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto trickler = host.connect("trickle");
    Reader reader;
    reader.keep = true;
    reader.call = dll.wait_begin();
    auto bystander = host.connect("bystander");
    const auto bystander_call = dll.wait_begin();
    reader.start();

    std::size_t bytes = 500;  // 5 s; the soak sets more (see the top of this file)
    if (const char* soak = std::getenv("RASSHOST_TRICKLE_BYTES")) bytes = std::strtoul(soak, nullptr, 10);
    std::string sent;
    for (std::size_t i = 0; i < bytes; ++i) sent += static_cast<char>(i * 7 % 256);
    const std::uint64_t baseline = process_memory::reset_peak();
    std::thread trickle([&] {
        for (char c : sent) {
            trickler.send(std::string_view(&c, 1));
            std::this_thread::sleep_for(10ms);
        }
    });
    run_bystander(dll, host, bystander, bystander_call);
    const auto bystander_outcome = host.wait_outcome(60s);
    trickle.join();
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (reader.delivered < bytes && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
    const std::uint64_t peak = process_memory::peak();
    const std::uint64_t growth = peak > baseline ? peak - baseline : 0;
    reader.stop = true;
    reader.thread.join();
    const auto outcome = host.wait_outcome(60s);

    CHECK(bystander_outcome.verdict == Verdict::success);
    CHECK(reader.collected == sent);  // exactly once, in order
    CHECK(outcome.bytes_received == bytes);
    CHECK(outcome.bytes_dropped == 0);
    MESSAGE("trickle: " << bytes << " bytes at 10 ms; RSS baseline " << baseline / 1024 << " KiB, peak "
                        << peak / 1024 << " KiB, growth " << growth / 1024 << " KiB"
                        << std::string(sanitized ? " (sanitizer build: not checked)" : ""));
    if (!sanitized) CHECK(growth < 8 * MiB);
}
