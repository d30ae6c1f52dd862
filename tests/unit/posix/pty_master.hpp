// The test's end of a pty pair: the master, with the slave's name for the
// code under test (a serial device, a person's terminal). Writes and reads
// are checked; a read gives up after 30 one-second polls without data.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

class PtyMaster {
public:
    PtyMaster() : fd_(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) {
        REQUIRE(fd_ >= 0);
        REQUIRE(::grantpt(fd_) == 0);
        REQUIRE(::unlockpt(fd_) == 0);
        char name[128];
        REQUIRE(::ptsname_r(fd_, name, sizeof name) == 0);
        slave_ = name;
    }
    ~PtyMaster() { close(); }
    PtyMaster(const PtyMaster&) = delete;
    PtyMaster& operator=(const PtyMaster&) = delete;

    int fd() const { return fd_; }
    const std::string& slave() const { return slave_; }

    void write(const std::string& text) { REQUIRE(::write(fd_, text.data(), text.size()) == ssize_t(text.size())); }

    // Up to `count` bytes: fewer when the line stays quiet or ends.
    std::string read(std::size_t count) {
        std::string all;
        char buffer[4096];
        for (int tries = 0; all.size() < count && tries < 30; ++tries) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 1000) != 1) continue;
            const auto n = ::read(fd_, buffer, std::min(sizeof buffer, count - all.size()));
            if (n <= 0) break;
            all.append(buffer, static_cast<std::size_t>(n));
        }
        return all;
    }

    termios settings() const {
        termios t{};
        REQUIRE(::tcgetattr(fd_, &t) == 0);
        return t;
    }

    // The far end hangs up.
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
    std::string slave_;
};
