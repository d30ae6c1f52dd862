// OnSuccess on POSIX (on_success.hpp): /bin/sh -c CMD by posix_spawn, the
// line as descriptors 0 and 1, reaped on SIGCHLD (no thread per call).
#include "on_success.hpp"

#include <rasshost/log_escape.hpp>

#include <asio/post.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace rasshost::serve {

struct OnSuccess::State : std::enable_shared_from_this<State> {
    State(asio::io_context& io, std::string command_, Log log_)
        : signals(io, SIGCHLD), kill_timer(io), command(std::move(command_)), log(std::move(log_)) {}

    struct Running {
        std::string device;
        std::function<void()> done;
    };

    asio::signal_set signals;
    asio::steady_timer kill_timer;
    std::string command;
    Log log;
    std::map<pid_t, Running> running;

    void wait_children() {
        signals.async_wait([self = shared_from_this()](const std::error_code& error, int) {
            if (error) return;
            self->reap();
            self->wait_children();
        });
    }

    // SIGCHLDs coalesce: every program is checked on each.
    void reap() {
        for (auto it = running.begin(); it != running.end();) {
            int status = 0;
            if (::waitpid(it->first, &status, WNOHANG) != it->first) {
                ++it;
                continue;
            }
            log(LogLevel::info, fmt::format("{}: --on-success ended: {}", log_escape(it->second.device),
                                            WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                                                              : fmt::format("signal {}", WTERMSIG(status))));
            auto done = std::move(it->second.done);
            it = running.erase(it);
            done();  // the host hangs the line up and calls End
        }
    }
};

namespace {

std::vector<std::string> environment_for(const DialogOutcome& verdict) {
    std::vector<std::string> out;
    for (char** entry = environ; *entry != nullptr; ++entry)
        if (!std::string_view(*entry).starts_with("RASSHOST_")) out.emplace_back(*entry);  // none of ours leaks in
    out.push_back("RASSHOST_USER=" + verdict.user);
    out.push_back("RASSHOST_DOMAIN=" + verdict.domain);
    out.push_back("RASSHOST_PORT=" + verdict.device);
    out.push_back("RASSHOST_PEER=" + verdict.peer);
    return out;
}

// /bin/sh -c COMMAND with `line` as its stdin and stdout; the pid or -1.
pid_t spawn_on(const std::string& command, int line, std::vector<std::string> environment) {
    std::vector<std::string> argv_text{"sh", "-c", command};
    std::vector<char*> argv, envp;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : environment) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_adddup2(&files, line, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&files, line, STDOUT_FILENO);
    // Nothing else of the host's: not its listeners, not other callers' lines.
    posix_spawn_file_actions_addclosefrom_np(&files, STDERR_FILENO + 1);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);  // the host's blocked signals are not CMD's
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    const int error = posix_spawn(&pid, "/bin/sh", &files, &attributes, argv.data(), envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&files);
    errno = error;
    return error == 0 ? pid : -1;
}

}  // namespace

OnSuccess::OnSuccess(asio::io_context& io, std::string command, Log log)
    : state_(std::make_shared<State>(io, std::move(command), std::move(log))) {
    state_->wait_children();
}

OnSuccess::~OnSuccess() {
    std::error_code ignored;
    state_->signals.cancel(ignored);
    state_->kill_timer.cancel();
}

void OnSuccess::hand_over(const DialogOutcome& verdict, std::intptr_t line, std::function<void()> done) {
    // Where the program runs: the io thread, which reaps it too.
    asio::post(state_->signals.get_executor(), [state = state_, verdict, line, done = std::move(done)]() mutable {
        const int fd = static_cast<int>(line);
        // The host's descriptors are non-blocking (Asio's); a program reads
        // its stdin blocking. The host does no I/O on the line any more.
        if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        const pid_t pid = spawn_on(state->command, fd, environment_for(verdict));
        const int error = errno;
        ::close(fd);
        const auto device = log_escape(verdict.device);
        if (pid < 0) {
            state->log(LogLevel::error, fmt::format("{}: --on-success: cannot start /bin/sh: {}", device,
                                                    std::strerror(error)));
            return done();
        }
        state->log(LogLevel::info, fmt::format("{}: SUCCESS user \"{}\": the line goes to --on-success (pid {})",
                                               device, log_escape(verdict.user), pid));
        state->running.emplace(pid, State::Running{verdict.device, std::move(done)});
        state->reap();  // it may have ended before it was registered
    });
}

void OnSuccess::stop_all() {
    asio::post(state_->signals.get_executor(), [state = state_] {
        if (state->running.empty()) return;
        for (const auto& [pid, running] : state->running) ::kill(pid, SIGHUP);
        state->kill_timer.expires_after(std::chrono::seconds(5));
        state->kill_timer.async_wait([state](const std::error_code& error) {
            if (error) return;
            for (const auto& [pid, running] : state->running) ::kill(pid, SIGKILL);
        });
    });
}

bool on_success_supported() noexcept { return true; }

}  // namespace rasshost::serve
