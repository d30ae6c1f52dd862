#include <rasshost/process.hpp>

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <string_view>

#include <sys/stat.h>
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

bool is_journal_stream(int fd) noexcept {
    const char* value = std::getenv("JOURNAL_STREAM");
    if (value == nullptr) return false;
    const std::string_view text(value);
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return false;
    unsigned long long device = 0, inode = 0;
    const auto d = std::from_chars(text.data(), text.data() + colon, device);
    const auto i = std::from_chars(text.data() + colon + 1, text.data() + text.size(), inode);
    if (d.ec != std::errc() || d.ptr != text.data() + colon || i.ec != std::errc() || i.ptr != text.data() + text.size())
        return false;
    struct stat status {};
    return ::fstat(fd, &status) == 0 && static_cast<unsigned long long>(status.st_dev) == device &&
           static_cast<unsigned long long>(status.st_ino) == inode;
}

unsigned long current_process_id() noexcept { return static_cast<unsigned long>(::getpid()); }

}  // namespace rasshost
