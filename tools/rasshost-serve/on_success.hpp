// rasshost-serve --on-success CMD (docs/integration.md): after a SUCCESS,
// as a RAS server moved the line on to PPP and as mgetty's login.config
// starts pppd, the call goes to CMD, run by /bin/sh with the line as its
// standard input and output and the verdict in its environment
// (RASSHOST_USER, RASSHOST_DOMAIN, RASSHOST_PORT, RASSHOST_PEER). The dialog
// and its line last until CMD ends, which is logged; then the line is hung
// up and End called. POSIX; on Windows --on-success is refused.
#pragma once

#include <rasshost/host.hpp>

#include <asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace rasshost::serve {

class OnSuccess {
public:
    using Log = std::function<void(LogLevel, std::string_view)>;
    OnSuccess(asio::io_context& io, std::string command, Log log);
    ~OnSuccess();
    OnSuccess(const OnSuccess&) = delete;
    OnSuccess& operator=(const OnSuccess&) = delete;

    // HostOptions::hand_over: starts CMD on `line` (which it closes).
    void hand_over(const DialogOutcome& verdict, std::intptr_t line, std::function<void()> done);
    // At shutdown: every CMD still running gets SIGHUP, as a hung-up line
    // sends it; one still there after 5 s, SIGKILL.
    void stop_all();

    struct State;

private:
    std::shared_ptr<State> state_;
};

// Whether --on-success can be served here (false on Windows).
bool on_success_supported() noexcept;

}  // namespace rasshost::serve
