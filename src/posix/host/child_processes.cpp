// Child processes of rasshost-serve --isolate: fork + exec with the line as
// descriptor 3 and a report pipe as descriptor 4, reaped on SIGCHLD by an
// asio::signal_set. Between fork and exec the child of a multithreaded
// process may only make async-signal-safe calls: everything it needs
// (argv, the account, /dev/null) is prepared before the fork.
#include <rasshost/isolation.hpp>

#include "common/backend.hpp"

#include <asio/post.hpp>
#include <asio/signal_set.hpp>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>
#if RASSHOST_OS_LINUX
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

namespace rasshost::isolation {
namespace {

[[noreturn]] void fail(std::string_view what) {
    throw IsolationError(fmt::format("{}: {}", what, std::strerror(errno)));
}

// Async-signal-safe: the child reports why it could not exec, then exits.
[[noreturn]] void child_fail(const char* what) {
    const char prefix[] = "rasshost-serve: isolated child: ";
    [[maybe_unused]] auto a = ::write(STDERR_FILENO, prefix, sizeof prefix - 1);
    [[maybe_unused]] auto b = ::write(STDERR_FILENO, what, std::strlen(what));
    [[maybe_unused]] auto c = ::write(STDERR_FILENO, "\n", 1);
    ::_exit(127);
}

void close_from(int first) {
#if RASSHOST_OS_LINUX && defined(SYS_close_range)
    if (::syscall(SYS_close_range, static_cast<unsigned>(first), ~0U, 0U) == 0) return;
#endif
    const long max = ::sysconf(_SC_OPEN_MAX);
    for (long fd = first; fd < (max > 0 ? max : 1024); ++fd) ::close(static_cast<int>(fd));
}

// In the child, before exec: signals the parent handles go back to their
// default, so none runs the parent's handler (which writes to the parent's
// own pipes) in the window before exec; then the mask blocked around fork
// is lifted.
void reset_signals(const sigset_t& mask) {
    for (int number = 1; number < NSIG; ++number) {
        struct sigaction current {};
        if (::sigaction(number, nullptr, &current) != 0) continue;
        if (current.sa_handler == SIG_IGN || current.sa_handler == SIG_DFL) continue;
        struct sigaction fallback {};
        fallback.sa_handler = SIG_DFL;
        ::sigaction(number, &fallback, nullptr);
    }
    ::sigprocmask(SIG_SETMASK, &mask, nullptr);
}

struct Prepared {
    std::vector<std::string> strings;
    std::vector<char*> argv;
    std::vector<gid_t> groups;
};

[[noreturn]] void run_child(const Prepared& prepared, int line, int report, int devnull, const Account* account,
                            const sigset_t& mask) {
    const int line_copy = ::fcntl(line, F_DUPFD, 10);
    const int report_copy = ::fcntl(report, F_DUPFD, 10);
    if (line_copy < 0 || report_copy < 0) child_fail("cannot duplicate descriptors");
    if (::dup2(devnull, STDIN_FILENO) < 0 || ::dup2(line_copy, child_line_fd) < 0 ||
        ::dup2(report_copy, child_report_fd) < 0)
        child_fail("cannot place descriptors");
    close_from(child_report_fd + 1);
    if (account != nullptr) {
        if (::setgroups(prepared.groups.size(), prepared.groups.data()) != 0) child_fail("setgroups failed");
        if (::setgid(account->gid) != 0) child_fail("setgid failed");
        if (::setuid(account->uid) != 0) child_fail("setuid failed");
    }
    reset_signals(mask);
    ::execv(prepared.argv[0], prepared.argv.data());
    child_fail("exec failed");
}

std::string drain(int fd) {
    std::string report;
    std::array<char, 1024> chunk{};
    while (report.size() <= max_report_size) {
        const auto n = ::read(fd, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EOF, or EAGAIN: a descendant still holds the pipe
        report.append(chunk.data(), static_cast<std::size_t>(n));
    }
    if (report.size() > max_report_size) report.resize(max_report_size + 1);  // still over: rejected
    return report;
}

}  // namespace

bool supported() noexcept { return true; }

Account resolve_account(const std::string& name) {
    if (::geteuid() != 0) throw IsolationError(fmt::format("--user {}: only root can run dialogs as another user", name));
    std::array<char, 16384> buffer{};
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr)
        throw IsolationError(fmt::format("--user {}: no such user", name));
    Account account{name, entry.pw_uid, entry.pw_gid, {}};
    std::vector<gid_t> groups(64);
    int count = static_cast<int>(groups.size());
    if (::getgrouplist(name.c_str(), entry.pw_gid, groups.data(), &count) < 0) {
        groups.resize(static_cast<std::size_t>(count));
        if (::getgrouplist(name.c_str(), entry.pw_gid, groups.data(), &count) < 0)
            throw IsolationError(fmt::format("--user {}: cannot list its groups", name));
    }
    groups.resize(static_cast<std::size_t>(count));
    account.groups.assign(groups.begin(), groups.end());
    return account;
}

void become(const Account& account) {
    const std::vector<gid_t> groups(account.groups.begin(), account.groups.end());
    if (::setgroups(groups.size(), groups.data()) != 0) fail("setgroups");
    if (::setgid(account.gid) != 0) fail("setgid");
    if (::setuid(account.uid) != 0) fail("setuid");
    if (::setuid(0) == 0) throw IsolationError("setuid: root could be regained");
#if RASSHOST_OS_LINUX
    // The children run as the same user: they must not ptrace the host.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

std::filesystem::path own_executable() {
    std::error_code error;
    auto path = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) throw IsolationError(fmt::format("cannot find this program's file: {}", error.message()));
    return path;
}

bool send_report(const Report& report) noexcept {
    try {
        const auto text = encode_report(report);
        std::size_t done = 0;
        while (done < text.size()) {
            const auto n = ::write(child_report_fd, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        ::close(child_report_fd);
        return true;
    } catch (...) {
        return false;
    }
}

struct ChildProcesses::State : std::enable_shared_from_this<State> {
    explicit State(asio::io_context& io, ExitHandler handler) : signals(io, SIGCHLD), on_exit(std::move(handler)) {}

    asio::signal_set signals;
    ExitHandler on_exit;
    mutable std::mutex mutex;
    std::map<pid_t, int> children;  // pid -> read end of its report pipe

    void wait_for_signal() {
        signals.async_wait([weak = weak_from_this()](const std::error_code& error, int) {
            auto self = weak.lock();
            if (error || !self) return;
            self->reap();
            self->wait_for_signal();
        });
    }

    // SIGCHLDs coalesce: every child is checked on each one.
    void reap() {
        std::vector<ChildExit> exits;
        {
            std::lock_guard lock(mutex);
            for (auto it = children.begin(); it != children.end();) {
                int status = 0;
                const pid_t pid = ::waitpid(it->first, &status, WNOHANG);
                if (pid != it->first) {
                    ++it;
                    continue;
                }
                ChildExit exit{pid, {}, 0, drain(it->second)};
                if (WIFSIGNALED(status)) exit.signal = WTERMSIG(status);
                else exit.exit_code = WEXITSTATUS(status);
                ::close(it->second);
                it = children.erase(it);
                exits.push_back(std::move(exit));
            }
        }
        for (const auto& exit : exits) on_exit(exit);
    }
};

ChildProcesses::ChildProcesses(asio::io_context& io, ExitHandler on_exit)
    : state_(std::make_shared<State>(io, std::move(on_exit))) {
    state_->wait_for_signal();
}

ChildProcesses::~ChildProcesses() {
    std::error_code ignored;
    state_->signals.cancel(ignored);
}

std::int64_t ChildProcesses::spawn(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                                   std::intptr_t line, const Account* account) {
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } parent_line{static_cast<int>(line)};
    // A host that already became the account (after opening its ports) has
    // nothing left to drop: its children are that user by birth.
    if (account != nullptr && ::geteuid() == account->uid && ::getegid() == account->gid) account = nullptr;
    Prepared prepared;
    prepared.strings.push_back(program.string());
    prepared.strings.insert(prepared.strings.end(), arguments.begin(), arguments.end());
    for (auto& s : prepared.strings) prepared.argv.push_back(s.data());
    prepared.argv.push_back(nullptr);
    if (account != nullptr) prepared.groups.assign(account->groups.begin(), account->groups.end());

    std::array<int, 2> pipe_fds{};
    if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) fail("pipe");
    const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0) {
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        fail("/dev/null");
    }
    sigset_t all{}, previous{};
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    const pid_t pid = ::fork();
    if (pid == 0) run_child(prepared, static_cast<int>(line), pipe_fds[1], devnull, account, previous);
    const int fork_errno = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    ::close(pipe_fds[1]);
    ::close(devnull);
    if (pid < 0) {
        ::close(pipe_fds[0]);
        errno = fork_errno;
        fail("fork");
    }
    ::fcntl(pipe_fds[0], F_SETFL, ::fcntl(pipe_fds[0], F_GETFL) | O_NONBLOCK);
    {
        std::lock_guard lock(state_->mutex);
        state_->children.emplace(pid, pipe_fds[0]);
    }
    // A child that already ended raised SIGCHLD before it was registered.
    asio::post(state_->signals.get_executor(), [weak = std::weak_ptr<State>(state_)] {
        if (auto self = weak.lock()) self->reap();
    });
    return pid;
}

void ChildProcesses::terminate(std::int64_t pid) {
    std::lock_guard lock(state_->mutex);
    if (state_->children.contains(static_cast<pid_t>(pid))) ::kill(static_cast<pid_t>(pid), SIGTERM);
}

void ChildProcesses::kill(std::int64_t pid) {
    std::lock_guard lock(state_->mutex);
    if (state_->children.contains(static_cast<pid_t>(pid))) ::kill(static_cast<pid_t>(pid), SIGKILL);
}

void ChildProcesses::terminate_all() {
    std::lock_guard lock(state_->mutex);
    for (const auto& [pid, fd] : state_->children) ::kill(pid, SIGTERM);
}

std::string signal_text(int number) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    if (const char* name = ::sigabbrev_np(number)) return fmt::format("signal {}, SIG{}", number, name);
#endif
    return fmt::format("signal {}", number);
}

std::size_t ChildProcesses::live() const {
    std::lock_guard lock(state_->mutex);
    return state_->children.size();
}

}  // namespace rasshost::isolation

namespace rasshost::backend {

std::intptr_t duplicate_line(std::intptr_t descriptor) noexcept {
    // Above 2: a duplicate must never land on stdin, stdout or stderr.
    return ::fcntl(static_cast<int>(descriptor), F_DUPFD_CLOEXEC, 3);
}

}  // namespace rasshost::backend
