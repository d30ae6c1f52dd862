// PtyRelay (pty_relay.hpp). Both sides are rasshost's own pty listeners: a
// call on the caller's side begins when the caller opens the pty, one on
// the COM side when the Windows host opens its COM port (Wine opens the
// slave the link names), and closing a call hangs that pty up, after which
// the listener publishes a fresh one (for the COM side, at the link).
#include "pty_relay.hpp"

#include <rasshost/listeners.hpp>

#include <asio/error.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <filesystem>

namespace rasshost::serve {

std::shared_ptr<PtyRelay> PtyRelay::open(asio::io_context& io, const PtySettings& caller, const std::string& com_link,
                                          std::string com, RenameHandler renamed) {
    auto relay = std::make_shared<PtyRelay>(io, caller, com_link, std::move(com), std::move(renamed));
    relay->accept(relay->caller_);
    relay->accept(relay->com_side_);
    return relay;
}

PtyRelay::PtyRelay(asio::io_context& io, const PtySettings& caller, const std::string& com_link, std::string com,
                   RenameHandler renamed)
    : io_(io), com_(std::move(com)), renamed_(std::move(renamed)) {
    caller_.listener = open_pty_listener(io, caller);
    // A link a previous run left: the listener never puts its link over a file.
    std::error_code ignored;
    std::filesystem::remove(com_link, ignored);
    com_side_.listener = open_pty_listener(io, PtySettings{com_link});
    renamed_(com_, caller_.listener->description());
}

void PtyRelay::accept(Side& side) {
    side.listener->async_accept([self = shared_from_this(), &side](const std::error_code& error,
                                                                   std::unique_ptr<Port> call) {
        if (self->closed_ || error == asio::error::operation_aborted) return;
        if (!error) return self->on_call(side, std::shared_ptr<Port>(std::move(call)));
        // No fresh pty (out of ptys, descriptors): again in a second.
        auto retry = std::make_shared<asio::steady_timer>(self->io_);
        retry->expires_after(std::chrono::seconds(1));
        retry->async_wait([self, &side, retry](const std::error_code&) {
            if (!self->closed_) self->accept(side);
        });
    });
}

void PtyRelay::on_call(Side& side, std::shared_ptr<Port> call) {
    side.call = std::move(call);
    if (&side == &caller_) renamed_(com_, side.call->device_name());
    read(side, other(side));
    write(other(side), side);  // what the other side said before this one was there
}

void PtyRelay::read(Side& from, Side& to) {
    if (!from.call || from.reading || from.pending.size() >= max_pending) return;
    from.reading = true;
    from.call->async_read_some(from.read_buffer, [self = shared_from_this(), &from, &to, generation = generation_,
                                                  call = from.call](const std::error_code& error, std::size_t n) {
        if (self->closed_ || generation != self->generation_) return;
        from.reading = false;
        if (error) return self->end_call();  // that side hung up
        from.pending.insert(from.pending.end(), from.read_buffer.begin(), from.read_buffer.begin() + n);
        self->write(from, to);
        self->read(from, to);
    });
}

void PtyRelay::write(Side& from, Side& to) {
    if (!to.call || to.writing || from.pending.empty()) return;
    to.writing = true;
    auto data = std::make_shared<std::vector<std::byte>>(std::move(from.pending));
    from.pending.clear();
    to.call->async_write(*data, [self = shared_from_this(), &from, &to, generation = generation_, data,
                                 call = to.call](const std::error_code& error, std::size_t) {
        if (self->closed_ || generation != self->generation_) return;
        to.writing = false;
        if (error) return self->end_call();
        self->write(from, to);  // what came meanwhile
        self->read(from, to);   // if it had stopped at max_pending
    });
}

// Either side ended the call: so does the other, and both listen again.
void PtyRelay::end_call() {
    ++generation_;
    for (Side* side : {&caller_, &com_side_}) {
        const bool had_call = side->call != nullptr;
        if (had_call) side->call->close();
        side->call.reset();
        side->pending.clear();
        side->reading = side->writing = false;
        if (had_call) accept(*side);  // a side without a call is still accepting
    }
}

void PtyRelay::close() noexcept {
    closed_ = true;
    for (Side* side : {&caller_, &com_side_}) {
        if (side->call) side->call->close();
        side->listener->close();
    }
}

}  // namespace rasshost::serve
