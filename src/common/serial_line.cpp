// serial_line(): a serial Port is both a Port and a SerialLine.
#include <rasshost/serial.hpp>

namespace rasshost {

SerialLine* serial_line(Port& port) noexcept { return dynamic_cast<SerialLine*>(&port); }

}  // namespace rasshost
