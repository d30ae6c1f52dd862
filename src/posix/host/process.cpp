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

unsigned long current_process_id() noexcept { return static_cast<unsigned long>(::getpid()); }

}  // namespace rasshost
