// pty lines. The host owns the master; the remote user's terminal program
// opens the slave. Linux facts this relies on (checked on the target):
// - before the slave is first opened, a read on the master would block
//   (EAGAIN) and poll reports nothing; bytes written to the master then are
//   kept and delivered when the slave opens;
// - opening /dev/pts/N raises IN_OPEN on an inotify watch of that path;
// - once the last slave fd is closed, master reads fail with EIO and poll
//   reports POLLHUP until the slave is opened again, when reads work again;
// - closing the master hangs the slave up (its reads return 0) and discards
//   what the slave had not read yet.
// So a call begins at IN_OPEN, a remote close is EIO (reported as eof), and
// the host hanging up closes the master; the next call then gets a fresh
// pty (the symlink, if any, follows it).
#include <rasshost/listeners.hpp>

#include "common/backend.hpp"
#include "common/lendable_line.hpp"
#include "common/port_completion.hpp"
#include "posix/ports/hang_up_as_eof.hpp"

#include <asio/error.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <termios.h>
#include <unistd.h>

namespace rasshost {
namespace {

std::system_error os_error(const std::string& what, int error = errno) {
    return std::system_error(error, std::system_category(), what);
}

std::string slave_of(int master) {
    char name[128];
    if (::ptsname_r(master, name, sizeof name) != 0) throw os_error("pty: ptsname");
    return name;
}

// One pseudo-terminal: the master as an Asio descriptor, the slave's path.
struct Pty {
    explicit Pty(asio::io_context& io) : master(io) {
        const int fd = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) throw os_error("pty: posix_openpt");
        master.assign(fd);
        termios raw{};
        if (::grantpt(fd) != 0 || ::unlockpt(fd) != 0) throw os_error("pty: grantpt/unlockpt");
        slave = slave_of(fd);
        // On Linux the master's termios calls act on the slave, i.e. the line:
        // raw so that the DLL gets the bytes the user typed, untranslated.
        if (::tcgetattr(fd, &raw) != 0) throw os_error("pty " + slave + ": tcgetattr");
        ::cfmakeraw(&raw);
        if (::tcsetattr(fd, TCSANOW, &raw) != 0) throw os_error("pty " + slave + ": tcsetattr");
        master.non_blocking(true);
    }

    // A master lent by the process that owns the pty, set up already.
    Pty(asio::io_context& io, int lent) : master(io) {
        try {
            slave = slave_of(lent);
        } catch (...) {
            ::close(lent);
            throw;
        }
        master.assign(lent);
        master.non_blocking(true);
    }

    // The remote side has closed the slave (after having opened it).
    bool remote_gone() {
        if (!master.is_open()) return true;
        pollfd p{master.native_handle(), POLLIN, 0};
        return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) != 0;
    }

    asio::posix::stream_descriptor master;
    std::string slave;
    bool hung_up_by_host = false;  // the next call gets a fresh pty
};

// How long the host's hang-up waits for the remote terminal to read the
// last bytes before the master closes.
constexpr std::chrono::milliseconds hang_up_linger{250};

class PtyPort final : public Port {
public:
    explicit PtyPort(std::shared_ptr<Pty> pty) : pty_(std::move(pty)), name_("pty " + pty_->slave) {}
    ~PtyPort() override { close(); }

    const std::string& device_name() const noexcept override { return name_; }
    asio::any_io_executor get_executor() noexcept override { return pty_->master.get_executor(); }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        if (closed_ || lending_.handed_over()) return post_aborted(get_executor(), std::move(handler));
        lending_.note_io();
        pty_->master.async_read_some(asio::buffer(buffer.data(), buffer.size()),
                                     posix::hang_up_as_eof(std::move(handler)));
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        if (closed_ || lending_.handed_over()) return post_aborted(get_executor(), std::move(handler));
        lending_.note_io();
        asio::async_write(pty_->master, asio::buffer(data.data(), data.size()), std::move(handler));
    }

    void close() noexcept override {
        if (std::exchange(closed_, true)) return;
        std::error_code ignored;
        if (pty_->remote_gone()) {
            // Keep the pty for the next call; what either side left unread
            // belongs to the finished call.
            pty_->master.cancel(ignored);
            ::tcflush(pty_->master.native_handle(), TCIOFLUSH);
        } else {
            // Hang the remote user's terminal up, but only after a short
            // linger: closing the master discards what the slave has not
            // read yet, which would lose the DLL's final message (the host
            // has already flushed it into the pty). A timer, not a wait.
            pty_->master.cancel(ignored);
            pty_->hung_up_by_host = true;
            auto timer = std::make_shared<asio::steady_timer>(pty_->master.get_executor(), hang_up_linger);
            timer->async_wait([pty = pty_, timer](const std::error_code&) {
                std::error_code ignored_too;
                pty->master.close(ignored_too);
            });
        }
    }

    // The lender keeps its master: the call ends (the remote stays or is
    // hung up) when the lender's Port closes, after the borrower is done.
    std::intptr_t lend_descriptor() override {
        return lending_.lend(!closed_, pty_->master.native_handle());
    }

    // The program the call goes to gets a master of its own; close(), once
    // it is done, hangs the remote up.
    std::intptr_t hand_over() override {
        const auto line = lending_.hand_over(!closed_, pty_->master.native_handle());
        std::error_code ignored;
        if (line >= 0) pty_->master.cancel(ignored);
        return line;
    }

private:
    std::shared_ptr<Pty> pty_;
    std::string name_;
    bool closed_ = false;
    LendableLine lending_;
};

// The listener's state, shared with its pending accept.
struct PtyListenerState : std::enable_shared_from_this<PtyListenerState> {
    PtyListenerState(asio::io_context& io_, std::string link_) : io(io_), inotify(io_), link(std::move(link_)) {
        const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd < 0) throw os_error("pty: inotify_init1");
        inotify.assign(fd);
        renew();
    }

    // A fresh pty, watched for opens of its slave, published at `link`.
    void renew() {
        auto next = std::make_shared<Pty>(io);
        const int fd = inotify.native_handle();
        if (watch >= 0) ::inotify_rm_watch(fd, watch);
        watch = ::inotify_add_watch(fd, next->slave.c_str(), IN_OPEN);
        if (watch < 0) throw os_error("pty " + next->slave + ": inotify_add_watch");
        if (!link.empty()) publish(next->slave);
        pty = std::move(next);
    }

    // The link is the operator's name for the line. It is never put over a
    // file that exists (as root, link=/etc/passwd would destroy it), and it
    // is replaced or removed only while it is still the link the host made.
    void publish(const std::string& slave) {
        if (!linked) {
            if (::symlink(slave.c_str(), link.c_str()) != 0) {
                if (errno == EEXIST) throw os_error("pty: link " + link + " already exists; remove it or name another path");
                throw os_error("pty " + slave + ": symlink " + link);
            }
        } else {
            if (!still_ours()) throw os_error("pty: link " + link + " was replaced by another file; leaving it", EEXIST);
            // Replaced atomically, so a terminal program never finds no link;
            // symlink() fails rather than reuse a temporary name that exists.
            const auto temporary = link + ".rasshost-new";
            if (::symlink(slave.c_str(), temporary.c_str()) != 0) throw os_error("pty " + slave + ": symlink " + temporary);
            if (::rename(temporary.c_str(), link.c_str()) != 0) {
                const int error = errno;
                ::unlink(temporary.c_str());
                throw os_error("pty " + slave + ": rename " + temporary + " to " + link, error);
            }
        }
        linked = true;
        linked_to = slave;
    }

    bool still_ours() const {
        char target[4096];
        const ssize_t n = ::readlink(link.c_str(), target, sizeof target);
        return n > 0 && static_cast<std::size_t>(n) < sizeof target &&
               std::string_view(target, static_cast<std::size_t>(n)) == linked_to;
    }

    // Whether the events waiting on the inotify fd include an open of the
    // current slave. Reads them all, so none is seen twice.
    bool slave_opened() {
        alignas(inotify_event) char events[4096];
        bool opened = false;
        ssize_t n;
        while ((n = ::read(inotify.native_handle(), events, sizeof events)) > 0) {
            for (ssize_t at = 0; at < n;) {
                const auto* event = reinterpret_cast<const inotify_event*>(events + at);
                if (event->wd == watch && (event->mask & IN_OPEN)) opened = true;
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            }
        }
        // An open followed by a close before we looked is no call.
        return opened && !pty->remote_gone();
    }

    void wait_for_open(PortListener::AcceptHandler handler) {
        inotify.async_wait(asio::posix::stream_descriptor::wait_read,
                           [self = shared_from_this(), handler = std::move(handler)](const std::error_code& error) mutable {
                               if (error) return handler(error, nullptr);
                               if (!self->slave_opened()) return self->wait_for_open(std::move(handler));
                               handler({}, std::make_unique<PtyPort>(self->pty));
                           });
    }

    void close() noexcept {
        std::error_code ignored;
        inotify.close(ignored);
        if (linked && still_ours()) ::unlink(link.c_str());
        linked = false;
        // The master stays open while a Port uses it: stopping listening
        // does not hang up a dialog in progress.
    }

    asio::io_context& io;
    asio::posix::stream_descriptor inotify;
    int watch = -1;
    std::string link;
    bool linked = false;    // `link` was created by this listener
    std::string linked_to;  // the slave it named then
    std::shared_ptr<Pty> pty;
};

class PtyListenerImpl final : public PtyListener {
public:
    PtyListenerImpl(asio::io_context& io, const PtySettings& settings)
        : state_(std::make_shared<PtyListenerState>(io, settings.link)) {}
    ~PtyListenerImpl() override { close(); }

    std::string description() const override { return "pty " + state_->pty->slave; }
    const std::string& slave_path() const override { return state_->pty->slave; }

    void async_accept(AcceptHandler handler) override {
        if (!state_->inotify.is_open()) return post_accept(state_->io, std::move(handler), asio::error::operation_aborted);
        if (!state_->pty->master.is_open() || state_->pty->hung_up_by_host) {  // the host hung the last call up
            try {
                state_->renew();
            } catch (const std::system_error& e) {
                return post_accept(state_->io, std::move(handler), e.code());
            }
        }
        state_->wait_for_open(std::move(handler));
    }

    void close() noexcept override { state_->close(); }

private:
    std::shared_ptr<PtyListenerState> state_;
};

}  // namespace

std::unique_ptr<PtyListener> open_pty_listener(asio::io_context& io, const PtySettings& settings) {
    return std::make_unique<PtyListenerImpl>(io, settings);
}

namespace backend {

std::unique_ptr<Port> adopt_pty_port(asio::io_context& io, std::intptr_t descriptor) {
    return std::make_unique<PtyPort>(std::make_shared<Pty>(io, static_cast<int>(descriptor)));
}

}  // namespace backend

}  // namespace rasshost
