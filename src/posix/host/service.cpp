// take_listen_fds() and notify_service() (rasshost/service.hpp) on POSIX,
// by the protocols sd_listen_fds(3) and sd_notify(3) document.
#include <rasshost/service.hpp>

#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace rasshost {
namespace {

constexpr int first_passed_fd = 3;  // SD_LISTEN_FDS_START
constexpr long max_passed_fds = 4096;

long number_of(const char* name, long high) {
    const char* value = std::getenv(name);
    if (value == nullptr) return -1;
    long number = -1;
    const auto end = value + std::strlen(value);
    const auto [at, error] = std::from_chars(value, end, number);
    return error == std::errc() && at == end && number >= 0 && number <= high ? number : -1;
}

}  // namespace

std::vector<int> take_listen_fds() {
    std::vector<int> fds;
    const long pid = number_of("LISTEN_PID", 0x7fffffffL);
    const long count = number_of("LISTEN_FDS", max_passed_fds);
    if (pid == static_cast<long>(::getpid()) && count > 0)
        for (int fd = first_passed_fd; fd < first_passed_fd + count; ++fd)
            if (::fcntl(fd, F_SETFD, FD_CLOEXEC) == 0) fds.push_back(fd);
    ::unsetenv("LISTEN_PID");
    ::unsetenv("LISTEN_FDS");
    ::unsetenv("LISTEN_FDNAMES");
    return fds;
}

bool notify_service(std::string_view state) noexcept {
    const char* path = std::getenv("NOTIFY_SOCKET");
    if (path == nullptr || path[0] == '\0' || (path[0] != '/' && path[0] != '@')) return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::size_t length = std::strlen(path);
    if (length >= sizeof address.sun_path) return false;
    std::memcpy(address.sun_path, path, length);
    if (path[0] == '@') address.sun_path[0] = '\0';  // the abstract namespace
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    const auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length);
    const bool sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address),
                               size) == static_cast<ssize_t>(state.size());
    ::close(fd);
    return sent;
}

}  // namespace rasshost
