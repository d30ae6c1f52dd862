// SerialSettings <-> the DCB of an open Win32 COMM handle. One SetCommState
// carries everything, including what asio::serial_port's options cannot say
// (mark/space parity, 1.5 stop bits with 5 data bits, DTR/RTS states).
#pragma once

#include <rasshost/port_spec.hpp>
#include <rasshost/win32.h>

#include <string>

namespace rasshost::win32 {

/** Applies the settings with DTR raised (the call is up) and RTS raised or
 *  under hardware flow control. Throws std::system_error whose message
 *  starts with `what` ("serial COM3"). */
void apply_serial_settings(HANDLE handle, const SerialSettings& settings, const std::string& what);

/** What the driver holds now (device copied from `device`). */
SerialSettings read_serial_settings(HANDLE handle, const std::string& device);

}  // namespace rasshost::win32
