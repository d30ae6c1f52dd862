// SerialSettings <-> termios on an open tty file descriptor.
#pragma once

#include <rasshost/port_spec.hpp>

namespace rasshost::posix {

/** Raw mode plus the settings; HUPCL on and CLOCAL off, so that carrier
 *  loss is a hang-up and closing drops DTR. Throws std::system_error whose
 *  message starts with `what` ("serial /dev/ttyS0"). */
void apply_serial_settings(int fd, const SerialSettings& settings, const std::string& what);

/** What the driver holds now (device copied from `device`). */
SerialSettings read_serial_settings(int fd, const std::string& device);

}  // namespace rasshost::posix
