// A flood of TCP connections that uses up the process's file descriptors:
// accept(2) fails with EMFILE on every listener. Once descriptors are free
// again, every listener must serve calls again (a listener that took the
// error for a broken socket went deaf for good). The descriptors really run
// out here: RLIMIT_NOFILE is lowered and the rest filled with dup(2).
#include "../fault_helpers.hpp"
#include "support/sanitizers.hpp"

#include <asio/error.hpp>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// A client socket made before the flood (connect needs no new descriptor).
int tcp_socket() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    return fd;
}

bool connect_to(int fd, std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

// Reads until `text` arrived or `timeout` passed.
bool read_until(int fd, std::string_view text, std::chrono::milliseconds timeout) {
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (seen.find(text) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[256];
        const auto n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) return false;
        seen.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
}

// A fresh call on `port` gets the DLL's greeting.
bool served(std::uint16_t port, std::chrono::milliseconds timeout = 10s) {
    const int fd = tcp_socket();
    const bool ok = connect_to(fd, port) && read_until(fd, "hello", timeout);
    ::close(fd);
    return ok;
}

// Lowers the soft descriptor limit for the test's life, and fills every
// descriptor left under it.
class DescriptorExhaustion {
public:
    DescriptorExhaustion() {
        REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved_) == 0);
        rlimit lowered = saved_;
        lowered.rlim_cur = std::min<rlim_t>(saved_.rlim_cur, 256);  // few dup calls to fill it
        REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    }
    ~DescriptorExhaustion() {
        release();
        ::setrlimit(RLIMIT_NOFILE, &saved_);
    }
    DescriptorExhaustion(const DescriptorExhaustion&) = delete;
    DescriptorExhaustion& operator=(const DescriptorExhaustion&) = delete;

    // Takes every free descriptor; true if the process really ran out.
    bool fill() {
        for (;;) {
            const int fd = ::fcntl(0, F_DUPFD_CLOEXEC, 0);
            if (fd < 0) return errno == EMFILE;
            fillers_.push_back(fd);
        }
    }
    void release() {
        for (const int fd : fillers_) ::close(fd);
        fillers_.clear();
    }

private:
    rlimit saved_{};
    std::vector<int> fillers_;
};

}  // namespace

TEST_CASE("Fault: a flood exhausts RLIMIT_NOFILE: accepts fail, and afterwards both tcp listeners serve again") {
    // UBSan checks a type it has not seen yet by probing memory through a
    // pipe: with every descriptor taken it reports a false "invalid vptr"
    // on whatever code runs then. The native and TSan builds run the case.
    if (test_build::address_sanitized) return;
    FakeDll dll;
    dll.on_begin = [](const BeginCall& call) {
        std::memcpy(call.send_buffer, "hello\r\n", 7);
        RasSecurityDialogSend(call.port, call.send_buffer, 7);
        complete(call.port, SECURITYMSG_FAILURE, "");
        return DWORD{NO_ERROR};
    };
    std::mutex mutex;
    std::vector<std::string> log;
    rasshost::HostOptions options;
    options.on_log = [&](rasshost::LogLevel level, std::string_view line) {
        if (level < rasshost::LogLevel::error) return;
        std::lock_guard lock(mutex);
        log.emplace_back(line);
    };
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    rasshost::SecurityHost host(io, FakeDll::entry_points(), options);
    std::vector<std::uint16_t> ports;
    std::vector<std::string> names;
    for (int i = 0; i < 2; ++i) {
        auto listener = rasshost::open_tcp_listener(io, rasshost::TcpSettings{"127.0.0.1", 0});
        ports.push_back(listener->local_port());
        names.push_back(listener->description());
        host.serve(std::move(listener));
    }
    std::thread runner([&] { io.run(); });
    for (const auto port : ports) REQUIRE(served(port));

    // UBSan checks a virtual call's type by probing memory through a pipe
    // the first time it meets a type: with no descriptor left it would take
    // the probe's failure for a bad object. The host's path for a failed
    // accept allocates nothing; the error's message is met here first.
    CHECK(!std::error_code(asio::error::no_descriptors).message().empty());
    std::vector<int> flood;  // made while descriptors are still free
    for (int i = 0; i < 8; ++i) flood.push_back(tcp_socket());
    {
        DescriptorExhaustion exhaustion;
        REQUIRE(exhaustion.fill());
        for (std::size_t i = 0; i < flood.size(); ++i) CHECK(connect_to(flood[i], ports[i % 2]));
        const auto accept_failed = [&](const std::string& name) {
            std::lock_guard lock(mutex);
            return std::any_of(log.begin(), log.end(), [&](const std::string& line) {
                return line.starts_with(name + ": ") && line.find("open files") != std::string::npos;
            });
        };
        CHECK(wait_until([&] { return accept_failed(names[0]) && accept_failed(names[1]); }));
    }  // the descriptors are free again
    for (const int fd : flood) ::close(fd);
    for (const auto port : ports) CHECK(served(port));

    host.shutdown();
    work.reset();
    runner.join();
    std::lock_guard lock(mutex);
    for (const auto& line : log) MESSAGE(line);
}
