// The host's child processes for --isolate: the line and the report pipe
// reach the child as descriptors 3 and 4, nothing else leaks into it, a
// child killed by a signal is reported with that signal, and a report is
// read back bounded.
#include <doctest/doctest.h>

#include <rasshost/isolation.hpp>

#include <asio/io_context.hpp>

#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace iso = rasshost::isolation;

namespace {

// Runs `script` under /bin/sh as a child with a pipe as its line; returns how it ended.
iso::ChildExit run(const std::string& script) {
    asio::io_context io;
    std::optional<iso::ChildExit> ended;
    iso::ChildProcesses children(io, [&](const iso::ChildExit& exit) { ended = exit; });
    int line[2];
    REQUIRE(::pipe(line) == 0);
    const auto pid = children.spawn("/bin/sh", {"-c", script}, line[1], nullptr);
    CHECK(pid > 0);
    CHECK(children.live() == 1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!ended && std::chrono::steady_clock::now() < deadline) io.run_one_for(std::chrono::milliseconds(100));
    ::close(line[0]);
    REQUIRE(ended);
    CHECK(children.live() == 0);
    CHECK(ended->pid == pid);
    return *ended;
}

}  // namespace

TEST_CASE("child processes: descriptor 3 is the line, 4 the report pipe, no other descriptor leaks") {
    // A descriptor the parent has open without close-on-exec, like Asio's sockets.
    const int leak = ::open("/dev/null", O_RDONLY);
    REQUIRE(leak >= 0);
    const auto exit = run("test -w /dev/fd/3 || exit 3; "
                          "for fd in $(ls /proc/self/fd); do [ $fd -le 4 ] || [ $fd -eq 255 ] || "
                          "[ ! -e /proc/self/fd/$fd ] || exit 5; done; "
                          "printf 'report bytes' >&4");
    ::close(leak);
    CHECK_FALSE(exit.signal);
    CHECK(exit.exit_code == 0);
    CHECK(exit.report == "report bytes");
}

TEST_CASE("child processes: a child killed by a signal is reported with it") {
    const auto exit = run("kill -SEGV $$");
    REQUIRE(exit.signal);
    CHECK(*exit.signal == SIGSEGV);
}

TEST_CASE("child processes: a report is read no further than its bound") {
    const auto exit = run("head -c 8000 /dev/zero >&4");
    CHECK(exit.report.size() == iso::max_report_size + 1);
    CHECK_FALSE(iso::parse_report(exit.report));
}

TEST_CASE("child processes: exec failure is an exit without a report") {
    asio::io_context io;
    std::optional<iso::ChildExit> ended;
    iso::ChildProcesses children(io, [&](const iso::ChildExit& exit) { ended = exit; });
    int line[2];
    REQUIRE(::pipe(line) == 0);
    children.spawn("/nonexistent/program", {}, line[1], nullptr);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!ended && std::chrono::steady_clock::now() < deadline) io.run_one_for(std::chrono::milliseconds(100));
    ::close(line[0]);
    REQUIRE(ended);
    CHECK(ended->exit_code == 127);
    CHECK(ended->report.empty());
}
