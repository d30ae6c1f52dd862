// AppendOnlyFile on POSIX: open(2) with O_APPEND | O_NOFOLLOW, mode 0600.
#include <rasshost/append_only_file.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rasshost {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, std::string_view reason) {
    throw FileOpenError(fmt::format("{}: {}", path.string(), reason));
}

}  // namespace

AppendOnlyFile::AppendOnlyFile(const std::filesystem::path& path) {
    // O_NONBLOCK: opening a FIFO must not hang; it is refused below.
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK,
                          S_IRUSR | S_IWUSR);
    if (fd < 0) {
        const int error = errno;
        // Linux says ELOOP for a link under O_NOFOLLOW, FreeBSD EMLINK, NetBSD EFTYPE.
        struct stat link {};
        if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
            refuse(path, "is a symbolic link; refusing to follow it (name the file itself)");
        refuse(path, std::strerror(error));
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        refuse(path, "not a regular file");
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        const int error = errno;
        ::close(fd);
        refuse(path, std::strerror(error));
    }
    handle_ = fd;
}

AppendOnlyFile::~AppendOnlyFile() { ::close(static_cast<int>(handle_)); }

bool AppendOnlyFile::append(std::string_view bytes) noexcept {
    while (!bytes.empty()) {
        const ssize_t n = ::write(static_cast<int>(handle_), bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace rasshost
