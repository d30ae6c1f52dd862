// A program the bench starts and watches (spawned.hpp).
#include "spawned.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bench {

Spawned::Spawned(std::vector<std::string> args, int watched) : name_(args.at(0)) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], watched);
    posix_spawn_file_actions_addopen(&actions, watched == 1 ? 2 : 1, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    started_ = clock::now();
    const int error = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    out_ = pipe_fds[0];
    if (error != 0) {
        ::close(out_);
        throw std::runtime_error("spawn " + name_);
    }
}

Spawned::~Spawned() { stop(); }

std::string Spawned::read_line(const std::string& marker, std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    char buffer[512];
    for (;;) {
        if (const auto at = seen_.find(marker); at != std::string::npos) {
            if (const auto end = seen_.find('\n', at); end != std::string::npos) {
                const auto begin = seen_.rfind('\n', at);
                const auto from = begin == std::string::npos ? 0 : begin + 1;
                return seen_.substr(from, end - from);
            }
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
        pollfd p{out_, POLLIN, 0};
        const auto n = left > 0 && ::poll(&p, 1, static_cast<int>(left)) > 0 ? ::read(out_, buffer, sizeof buffer) : 0;
        if (n <= 0) throw std::runtime_error(fmt::format("{}: no \"{}\" line; saw: {}", name_, marker, seen_));
        seen_.append(buffer, static_cast<std::size_t>(n));
    }
}

void Spawned::drain() {
    drainer_ = std::thread([fd = out_] {
        char buffer[4096];
        while (::read(fd, buffer, sizeof buffer) > 0) {
        }
    });
}

void Spawned::stop() {
    if (pid_ < 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (drainer_.joinable()) drainer_.join();  // EOF once the program and its children are gone
    ::close(out_);
}

}  // namespace bench
