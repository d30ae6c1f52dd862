// The test kit: RemoteUser plays a terminal over a RemoteEnd; TestHost runs
// a SecurityHost on its own io thread and collects the outcomes.
#include <rasshost/test_kit.hpp>

#include <rasshost/loopback.hpp>

#include <asio/error.hpp>
#include <asio/executor_work_guard.hpp>

#include <fmt/format.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace rasshost::test {
namespace {

// Bytes as a readable C-style literal, for failure messages.
std::string escaped(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        switch (c) {
            case '\r': out += "\\r"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (c < 0x20 || c >= 0x7F)
                    out += fmt::format("\\x{:02x}", c);
                else
                    out += static_cast<char>(c);
        }
    }
    return out;
}

std::string last_bytes(std::string_view seen) {
    constexpr std::size_t shown = 120;
    if (seen.empty()) return "nothing";
    const auto tail = seen.size() > shown ? seen.substr(seen.size() - shown) : seen;
    return fmt::format("{}\"{}\"", seen.size() > shown ? "..." : "", escaped(tail));
}

}  // namespace

// ---- RemoteUser ----

struct RemoteUser::Impl {
    std::unique_ptr<RemoteEnd> end;
    std::string received;      // everything the host sent
    std::size_t consumed = 0;  // how much of it expect() has matched past
    bool hung_up = false;

    // Reads one chunk, waiting until `deadline`. False on timeout.
    bool read_until(std::chrono::steady_clock::time_point deadline) {
        std::array<std::byte, 4096> chunk;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        try {
            const auto n = end->read_some(chunk, left);
            received.append(reinterpret_cast<const char*>(chunk.data()), n);
            return n > 0 || std::chrono::steady_clock::now() < deadline;
        } catch (const std::system_error&) {  // the host hung up
            hung_up = true;
            return true;
        }
    }
};

RemoteUser::RemoteUser(std::unique_ptr<RemoteEnd> end) : impl_(std::make_unique<Impl>()) {
    if (!end) throw std::invalid_argument("RemoteUser: null RemoteEnd");
    impl_->end = std::move(end);
}
RemoteUser::RemoteUser(RemoteUser&&) noexcept = default;
RemoteUser& RemoteUser::operator=(RemoteUser&&) noexcept = default;
RemoteUser::~RemoteUser() = default;

void RemoteUser::send(std::string_view text) {
    try {
        impl_->end->write(std::as_bytes(std::span(text.data(), text.size())));
    } catch (const std::system_error& error) {
        throw ExpectationFailed(fmt::format("could not send \"{}\": the line is gone ({}); last bytes seen: {}",
                                            escaped(text), error.code().message(), last_bytes(impl_->received)));
    }
}

std::string RemoteUser::expect(std::string_view text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto at = impl_->received.find(text, impl_->consumed);
        if (at != std::string::npos) {
            const auto end = at + text.size();
            auto matched = impl_->received.substr(impl_->consumed, end - impl_->consumed);
            impl_->consumed = end;
            return matched;
        }
        if (impl_->hung_up)
            throw ExpectationFailed(fmt::format("expected \"{}\" but the host hung up; last bytes seen: {}",
                                                escaped(text), last_bytes(impl_->received)));
        if (!impl_->read_until(deadline))
            throw ExpectationFailed(fmt::format("expected \"{}\" within {} ms; last bytes seen: {}", escaped(text),
                                                timeout.count(), last_bytes(impl_->received)));
    }
}

void RemoteUser::expect_hangup(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!impl_->hung_up) {
        if (!impl_->read_until(deadline))
            throw ExpectationFailed(fmt::format("expected the host to hang up within {} ms; last bytes seen: {}",
                                                timeout.count(), last_bytes(impl_->received)));
    }
}

void RemoteUser::hang_up() { impl_->end->close(); }

const std::string& RemoteUser::received() const noexcept { return impl_->received; }

// ---- TestHost ----

struct TestHost::Impl {
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
    std::mutex mutex;
    std::condition_variable outcome_ready;
    std::deque<DialogOutcome> outcomes;
    std::unique_ptr<SecurityHost> host;
    std::thread thread;

    HostOptions wrap(HostOptions options) {
        options.on_outcome = [this, user = std::move(options.on_outcome)](const DialogOutcome& outcome) {
            if (user) user(outcome);
            std::lock_guard lock(mutex);
            outcomes.push_back(outcome);
            outcome_ready.notify_all();
        };
        return options;
    }

    void run() {
        thread = std::thread([this] { io.run(); });
    }

    ~Impl() {
        if (host) host->shutdown();
        work.reset();
        io.stop();
        if (thread.joinable()) thread.join();
        host.reset();
    }
};

TestHost::TestHost(SecurityDll dll, HostOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->host = std::make_unique<SecurityHost>(impl_->io, dll, impl_->wrap(std::move(options)));
    impl_->run();
}

TestHost::TestHost(const std::filesystem::path& dll_path, HostOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->host = std::make_unique<SecurityHost>(impl_->io, dll_path, impl_->wrap(std::move(options)));
    impl_->run();
}

TestHost::~TestHost() = default;

RemoteUser TestHost::connect(std::string device_name) {
    auto pair = make_loopback(impl_->io.get_executor(), std::move(device_name));
    impl_->host->start_dialog(std::move(pair.host_side));
    return RemoteUser(std::move(pair.remote_side));
}

DialogOutcome TestHost::wait_outcome(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    if (!impl_->outcome_ready.wait_for(lock, timeout, [&] { return !impl_->outcomes.empty(); }))
        throw ExpectationFailed(fmt::format("no dialog finished within {} ms", timeout.count()));
    auto outcome = std::move(impl_->outcomes.front());
    impl_->outcomes.pop_front();
    return outcome;
}

SecurityHost& TestHost::host() { return *impl_->host; }

}  // namespace rasshost::test
