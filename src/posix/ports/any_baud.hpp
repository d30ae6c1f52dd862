// Baud rates outside the termios table, through Linux's termios2. Kept apart
// because <asm/termbits.h> redefines what <termios.h> defines: this header
// includes neither, so both sides can use it.
#pragma once

namespace rasshost::posix {

/** Sets input and output speed to `baud` (BOTHER). Returns 0 or an errno
 *  value (ENOTSUP where termios2 does not exist). */
int set_any_baud(int fd, unsigned baud) noexcept;

/** The output speed the driver holds, in bits per second, or 0 on failure. */
unsigned get_baud(int fd) noexcept;

}  // namespace rasshost::posix
