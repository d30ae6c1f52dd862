// termios2 (Linux): struct termios with numeric c_ispeed/c_ospeed, used
// when the CBAUD field says BOTHER. Only kernel headers here; glibc's
// <termios.h> must not be included in this file.
#include "posix/ports/any_baud.hpp"

#include <rasshost/config.h>

#include <cerrno>

#if RASSHOST_OS_LINUX
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <sys/ioctl.h>
#endif

namespace rasshost::posix {

#if RASSHOST_OS_LINUX

int set_any_baud(int fd, unsigned baud) noexcept {
    struct termios2 settings {};
    if (::ioctl(fd, TCGETS2, &settings) != 0) return errno;
    settings.c_cflag &= ~(CBAUD | (CBAUD << IBSHIFT));
    settings.c_cflag |= BOTHER | (BOTHER << IBSHIFT);
    settings.c_ispeed = baud;
    settings.c_ospeed = baud;
    if (::ioctl(fd, TCSETS2, &settings) != 0) return errno;
    return 0;
}

unsigned get_baud(int fd) noexcept {
    struct termios2 settings {};
    if (::ioctl(fd, TCGETS2, &settings) != 0) return 0;
    return settings.c_ospeed;
}

#else

int set_any_baud(int, unsigned) noexcept { return ENOTSUP; }
unsigned get_baud(int) noexcept { return 0; }

#endif

}  // namespace rasshost::posix
