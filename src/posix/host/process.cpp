#include <rasshost/process.hpp>

#include <csignal>
#include <unistd.h>

namespace rasshost {

void ignore_broken_pipe_signal() noexcept {
    struct sigaction action {};
    action.sa_handler = SIG_IGN;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGPIPE, &action, nullptr);
}

// SIGSEGV and its kind end the process by default, and its parent sees the signal.
void end_process_on_crash(const char*) noexcept {}

unsigned long current_process_id() noexcept { return static_cast<unsigned long>(::getpid()); }

}  // namespace rasshost
