// The stdio line. Two details keep the person's shell intact afterwards:
// - the original termios is saved in static storage that a signal handler
//   may read (restore_terminal() only calls tcsetattr, which is
//   async-signal-safe), and an atexit hook restores it as well;
// - Asio switches its descriptors to O_NONBLOCK, which is a property of the
//   open file description: done on a dup() of fd 0 it would leak to the
//   shell. So stdin and stdout are re-opened through /proc/self/fd, which
//   yields descriptions of their own.
#include <rasshost/listeners.hpp>
#include <rasshost/stdio_terminal.hpp>

#include "common/backend.hpp"
#include "common/lendable_line.hpp"
#include "common/port_completion.hpp"
#include "posix/ports/hang_up_as_eof.hpp"

#include <asio/error.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/write.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace rasshost {
namespace {

termios saved_termios;                   // written before saved_valid is set
volatile std::sig_atomic_t saved_valid = 0;

void make_terminal_raw() {
    if (!::isatty(STDIN_FILENO) || saved_valid) return;
    termios raw{};
    if (::tcgetattr(STDIN_FILENO, &saved_termios) != 0) return;
    saved_valid = 1;
    static std::once_flag hook;
    std::call_once(hook, [] { std::atexit([] { restore_terminal(); }); });
    raw = saved_termios;
    ::cfmakeraw(&raw);  // also clears OPOST: output bytes go out as written
    ::tcsetattr(STDIN_FILENO, TCSANOW, &raw);
}

// A descriptor of our own for what `fd` refers to (see the note above).
int reopen(int fd, int flags) {
    const auto path = "/proc/self/fd/" + std::to_string(fd);
    int own = ::open(path.c_str(), flags | O_NOCTTY | O_CLOEXEC);
    if (own < 0) own = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);  // no /proc: share it after all
    if (own < 0) throw std::system_error(errno, std::system_category(), "stdio: fd " + std::to_string(fd));
    return own;
}

class StdioPort final : public Port {
public:
    // Input from `input` (stdin, or the lender's duplicate of it), output to
    // stdout, both through descriptions of their own.
    StdioPort(asio::io_context& io, int input) : in_(io), out_(io) {
        in_.assign(reopen(input, O_RDONLY));
        out_.assign(reopen(STDOUT_FILENO, O_WRONLY));
        make_terminal_raw();
    }
    ~StdioPort() override { close(); }

    const std::string& device_name() const noexcept override { return name_; }
    asio::any_io_executor get_executor() noexcept override { return in_.get_executor(); }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        if (!in_.is_open() || lending_.handed_over()) return post_aborted(get_executor(), std::move(handler));
        lending_.note_io();
        in_.async_read_some(asio::buffer(buffer.data(), buffer.size()), posix::hang_up_as_eof(std::move(handler)));
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        if (!out_.is_open() || lending_.handed_over()) return post_aborted(get_executor(), std::move(handler));
        lending_.note_io();
        asio::async_write(out_, asio::buffer(data.data(), data.size()), std::move(handler));
    }

    void close() noexcept override {
        std::error_code ignored;
        in_.close(ignored);
        out_.close(ignored);
        restore_terminal();
    }

    // The borrower gets the input; it writes to the stdout it inherited.
    // The terminal stays raw until this Port closes, after the borrower.
    std::intptr_t lend_descriptor() override {
        return lending_.lend(in_.is_open(), in_.native_handle());
    }

    // The terminal, as a getty opened it (read-write, descriptors 0 and 1):
    // the program the call goes to gets descriptor 0's description, not
    // this Port's own read-only one.
    std::intptr_t hand_over() override {
        const auto line = lending_.hand_over(in_.is_open(), STDIN_FILENO);
        std::error_code ignored;
        if (line >= 0) {
            in_.cancel(ignored);
            out_.cancel(ignored);
        }
        return line;
    }

private:
    asio::posix::stream_descriptor in_;
    asio::posix::stream_descriptor out_;
    std::string name_ = "stdio";
    LendableLine lending_;
};

}  // namespace

void restore_terminal() noexcept {
    if (!saved_valid) return;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    saved_valid = 0;
}

namespace backend {

std::unique_ptr<Port> open_stdio_port(asio::io_context& io) { return std::make_unique<StdioPort>(io, STDIN_FILENO); }

std::unique_ptr<Port> adopt_stdio_port(asio::io_context& io, std::intptr_t descriptor) {
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } lent{static_cast<int>(descriptor)};  // the Port reads through a description of its own
    return std::make_unique<StdioPort>(io, lent.fd);
}

}  // namespace backend

}  // namespace rasshost
