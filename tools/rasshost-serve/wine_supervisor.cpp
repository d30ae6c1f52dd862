// WineSupervisor (wine_supervisor.hpp). One thread: the host's stdout and
// stderr are pipes read through the io_context, signals (SIGCHLD included)
// come through a signalfd, and the pty relays run on the same io_context.
#include "wine_supervisor.hpp"

#include "report.hpp"

#include <rasshost/process.hpp>

#include <asio/post.hpp>
#include <asio/posix/stream_descriptor.hpp>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace rasshost::serve {
namespace {

constexpr DWORD error_process_aborted = 1067;  // ERROR_PROCESS_ABORTED, as --isolate reports a crash
constexpr std::size_t max_line = 64 * 1024;    // a longer "line" is passed on as it comes

// One of the host's output pipes: read, cut into lines, passed on.
struct Stream {
    Stream(asio::io_context& io, int fd, std::FILE* to_, const char* name, bool priorities)
        : pipe(io, fd), to(to_, name, priorities) {}
    asio::posix::stream_descriptor pipe;
    LineWriter to;
    std::string partial;
    bool overlong = false;  // passing a line longer than max_line on as it comes
    std::array<char, 4096> buffer{};
};

// A pipe whose ends are closed with it, unless the read end was taken.
struct Pipe {
    int read = -1, write = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw HostError(fmt::format("pipe: {}", std::strerror(errno)));
        read = fds[0];
        write = fds[1];
    }
    ~Pipe() {
        close_write();
        if (read >= 0) ::close(read);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void close_write() {
        if (write >= 0) ::close(std::exchange(write, -1));
    }
    int take_read() { return std::exchange(read, -1); }
};

// The signal mask, set back however the supervision ends.
struct SignalMaskRestore {
    sigset_t previous;
    ~SignalMaskRestore() { sigprocmask(SIG_SETMASK, &previous, nullptr); }
};

class Run {
public:
    Run(asio::io_context& io, WineHostOutput& output, bool uses_stdio, LogPriorities priorities)
        : io_(io), output_(output), uses_stdio_(uses_stdio), priorities_(priorities),
          report_(uses_stdio ? stderr : stdout, uses_stdio ? "stderr" : "stdout",
                  wants_priorities(priorities, uses_stdio ? 2 : 1)),
          log_(stderr, "stderr", wants_priorities(priorities, 2)), signals_(io) {}

    int operator()(const WinePrefix& prefix, const std::vector<std::string>& command);

private:
    void read(Stream& stream);
    void take(Stream& stream, std::string_view data);
    void drain(Stream& stream);
    void wait_signal();
    void on_signal(const signalfd_siginfo& info);
    void finish();
    int ended(int status);

    asio::io_context& io_;
    WineHostOutput& output_;
    bool uses_stdio_;
    LogPriorities priorities_;
    LineWriter report_;
    LineWriter log_;
    asio::posix::stream_descriptor signals_;
    signalfd_siginfo signal_info_{};
    std::optional<Stream> out_, err_;
    pid_t child_ = -1;
    std::optional<int> status_;  // the host's wait status, once it has ended
    std::optional<int> exit_code_;
};

int Run::operator()(const WinePrefix& prefix, const std::vector<std::string>& command) {
    sigset_t wanted;
    sigemptyset(&wanted);
    for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&wanted, s);
    SignalMaskRestore mask;
    sigprocmask(SIG_BLOCK, &wanted, &mask.previous);
    const int signal_fd = ::signalfd(-1, &wanted, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signal_fd < 0) throw HostError(fmt::format("signalfd: {}", std::strerror(errno)));
    signals_.assign(signal_fd);
    Pipe err;
    std::optional<Pipe> out;
    if (!uses_stdio_) out.emplace();  // else the host's stdout is the line
    child_ = prefix.spawn(command, &mask.previous, out ? out->write : -1, err.write);
    if (child_ < 0) throw HostError(fmt::format("cannot start {}: {}", command.front(), std::strerror(errno)));
    err.close_write();  // the host's copies are the only writers left
    if (out) out->close_write();
    err_.emplace(io_, err.take_read(), stderr, "stderr", wants_priorities(priorities_, 2));
    if (out) out_.emplace(io_, out->take_read(), stdout, "stdout", wants_priorities(priorities_, 1));
    read(*err_);
    if (out_) read(*out_);
    wait_signal();
    io_.run();
    return exit_code_.value_or(exit_error);
}

void Run::read(Stream& stream) {
    stream.pipe.async_read_some(asio::buffer(stream.buffer), [this, &stream](const std::error_code& error,
                                                                             std::size_t n) {
        if (error) return;  // cancelled: the host has ended (finish() reads the rest)
        take(stream, std::string_view(stream.buffer.data(), n));
        if (!status_) read(stream);
    });
}

void Run::take(Stream& stream, std::string_view data) {
    while (!data.empty()) {
        const auto newline = data.find('\n');
        const auto piece = data.substr(0, newline);
        data = newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
        if (stream.overlong) {
            stream.to.write(newline == std::string_view::npos ? std::string(piece) : std::string(piece) + '\n');
            stream.overlong = newline == std::string_view::npos;
            continue;
        }
        stream.partial += piece;
        if (newline == std::string_view::npos) {
            if (stream.partial.size() > max_line) {  // not a line of the host's: passed on unread
                stream.to.write(stream.partial);
                stream.partial.clear();
                stream.overlong = true;
            }
            return;
        }
        // The Windows CRT ends a line with CR LF; here it ends with LF.
        if (stream.partial.ends_with('\r')) stream.partial.pop_back();
        if (const auto shown = output_.line(stream.partial, WineHostOutput::Clock::now()))
            stream.to.write(shown->text, shown->verdict ? notice_priority
                                         : shown->level ? syslog_priority(*shown->level)
                                                        : syslog_priority(LogLevel::info));
        stream.partial.clear();
    }
}

// After the host has ended: what it wrote before is still in the pipe (a
// process Wine started may hold the pipe open: no end of file comes).
void Run::drain(Stream& stream) {
    std::error_code error;
    stream.pipe.non_blocking(true, error);
    std::array<char, 4096> buffer{};
    for (;;) {
        const std::size_t n = stream.pipe.read_some(asio::buffer(buffer), error);
        if (error || n == 0) break;
        take(stream, std::string_view(buffer.data(), n));
    }
    if (!stream.partial.empty()) take(stream, "\n");
    stream.pipe.close(error);
}

void Run::wait_signal() {
    signals_.async_read_some(asio::buffer(&signal_info_, sizeof signal_info_),
                             [this](const std::error_code& error, std::size_t n) {
                                 if (error) return;
                                 if (n == sizeof signal_info_) on_signal(signal_info_);
                                 if (!status_) wait_signal();
                             });
}

// SIGINT, SIGTERM and SIGHUP reach the host as SIGINT, which Wine turns
// into the Ctrl+C the host ends its dialogs on (Wine ends a process on
// SIGTERM at once, without its dialogs' End). A terminal's Ctrl+C (sent by
// the kernel to the whole foreground group) has reached the host already.
void Run::on_signal(const signalfd_siginfo& info) {
    const int number = static_cast<int>(info.ssi_signo);
    if (number == SIGCHLD) {
        int status = 0;
        if (::waitpid(child_, &status, WNOHANG) != child_) return;
        // Reads that completed before this are queued and run first; the
        // rest is cancelled, and finish() reads what is left in the pipes.
        status_ = status;
        err_->pipe.cancel();
        if (out_) out_->pipe.cancel();
        asio::post(io_, [this] { finish(); });
        return;
    }
    const bool from_terminal = number == SIGINT && info.ssi_code == SI_KERNEL;
    if (!from_terminal) ::kill(child_, SIGINT);
}

void Run::finish() {
    drain(*err_);
    if (out_) drain(*out_);
    signals_.close();
    io_.stop();
    exit_code_ = ended(*status_);
}

// The host has ended and its lines are read: the dialogs it left.
int Run::ended(int status) {
    const std::string how = WIFEXITED(status) ? fmt::format("exit code {}", WEXITSTATUS(status))
                                              : fmt::format("signal {}", WTERMSIG(status));
    const std::size_t left = output_.dialogs_in_flight();
    if (left == 0) {
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        log_.write(fmt::format("rasshost-serve: error: the Windows host under Wine ended by {}\n", how),
                   syslog_priority(LogLevel::error));
        return exit_error;
    }
    const auto reason = output_.crash().empty() ? fmt::format("crashed (the Windows host under Wine ended: {})", how)
                                                : fmt::format("crashed ({})", output_.crash());
    for (const auto& outcome : output_.in_flight(error_process_aborted, reason, WineHostOutput::Clock::now()))
        report_.write(verdict_line(outcome) + audit_line(outcome), notice_priority);
    log_.write(fmt::format("rasshost-serve: error: the Windows host under Wine ended ({}) with {} dialog(s) in flight\n",
                           how, left),
               syslog_priority(LogLevel::error));
    return exit_error;
}

}  // namespace

// The COM port links to a name of the prefix's own, which the relay keeps
// pointing at its pty of the moment (a fresh one after each call).
std::string WineSupervisor::relay_pty(const PtySettings& settings, WinePrefix& prefix, unsigned number) {
    const std::string com = fmt::format("COM{}", number);
    const std::string line = fmt::format("{}/rasshost-com{}", prefix.path(), number);
    relays_.push_back(PtyRelay::open(io_, settings, line, com, [this](const std::string& windows, const std::string& shown) {
        output_.rename(windows, shown);
    }));
    prefix.map_com_port(number, line);
    return com;
}

int WineSupervisor::run(const WinePrefix& prefix, const std::vector<std::string>& command) {
    Run run(io_, output_, uses_stdio_, priorities_);
    const int code = run(prefix, command);
    for (auto& relay : relays_) relay->close();
    io_.restart();
    io_.poll();  // the relays' aborted operations: they let go of them
    relays_.clear();
    return code;
}

}  // namespace rasshost::serve
