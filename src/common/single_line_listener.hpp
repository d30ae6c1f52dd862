// The listener of a line that carries one call at a time and opens it at
// once (serial, stdio; the pty's call begins only when the remote opens
// it): each accept asks the line for the call's Port and completes through
// the io_context. After close() every accept ends with operation_aborted.
#pragma once

#include <rasshost/port.hpp>

#include <memory>

namespace asio {
class io_context;
}

namespace rasshost {

class SingleLineListener : public PortListener {
public:
    void async_accept(AcceptHandler handler) final;
    // A line that holds something open between calls closes it too, after
    // calling this.
    void close() noexcept override { closed_ = true; }

protected:
    explicit SingleLineListener(asio::io_context& io) noexcept : io_(io) {}

    // The next call's Port, or nullptr when the line has no further call (the
    // accept ends with eof). Throws std::system_error when the line cannot
    // be opened; the accept ends with its code.
    virtual std::unique_ptr<Port> next_call() = 0;

    asio::io_context& io() noexcept { return io_; }

private:
    asio::io_context& io_;
    bool closed_ = false;
};

}  // namespace rasshost
