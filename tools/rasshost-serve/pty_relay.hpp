// --port pty for a Windows host under Wine (docs/wine-host.md): Windows has
// no pseudo-terminals, so the caller gets the pty rasshost-serve makes on
// Linux, and a second pty, whose slave the prefix's COM port links to, is
// the Windows host's serial line. The relay copies bytes between the two
// and ends a call on both sides when either ends it: the caller hanging up
// is a hang-up on the COM port, the Windows host closing the COM port after
// a dialog hangs the caller up. POSIX only.
#pragma once

#include <rasshost/port.hpp>
#include <rasshost/port_spec.hpp>

#include <asio/io_context.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rasshost::serve {

class PtyRelay : public std::enable_shared_from_this<PtyRelay> {
public:
    // Called with the name of the caller's pty ("pty /dev/pts/4") whenever
    // the line the Windows host calls `com` ("COM1") changes its name.
    using RenameHandler = std::function<void(const std::string& com, const std::string& shown)>;
    // What is kept for the side that is not there yet: the DLL's prompt
    // before a caller opens the pty, the caller's typing before the Windows
    // host opens its COM port. Beyond it, that side is not read.
    static constexpr std::size_t max_pending = 64 * 1024;

    // Opens both ptys; `com_link` is the name the prefix's COM port leads
    // to, `com` its Windows name. Throws std::system_error.
    static std::shared_ptr<PtyRelay> open(asio::io_context& io, const PtySettings& caller, const std::string& com_link,
                                          std::string com, RenameHandler renamed);
    PtyRelay(asio::io_context& io, const PtySettings& caller, const std::string& com_link, std::string com,
             RenameHandler renamed);

    void close() noexcept;

private:
    // One side of the relay: its listener, the call on it, what it has
    // read that the other side has not taken yet.
    struct Side {
        std::unique_ptr<PortListener> listener;
        std::shared_ptr<Port> call;
        std::vector<std::byte> read_buffer = std::vector<std::byte>(4096);
        std::vector<std::byte> pending;  // read, for the other side
        bool reading = false;
        bool writing = false;
    };

    void accept(Side& side);
    void on_call(Side& side, std::shared_ptr<Port> call);
    void read(Side& from, Side& to);
    void write(Side& from, Side& to);
    void end_call();
    Side& other(Side& side) noexcept { return &side == &caller_ ? com_side_ : caller_; }

    asio::io_context& io_;
    std::string com_;
    RenameHandler renamed_;
    Side caller_;
    Side com_side_;
    unsigned generation_ = 0;  // one per call; handlers of an ended call do nothing
    bool closed_ = false;
};

}  // namespace rasshost::serve
