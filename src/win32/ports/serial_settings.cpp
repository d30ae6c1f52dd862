#include "win32/ports/serial_settings.hpp"

#include <system_error>

namespace rasshost::win32 {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::system_error(static_cast<int>(GetLastError()), std::system_category(), what);
}

BYTE parity_code(SerialSettings::Parity parity) {
    switch (parity) {
        case SerialSettings::Parity::none: return NOPARITY;
        case SerialSettings::Parity::odd: return ODDPARITY;
        case SerialSettings::Parity::even: return EVENPARITY;
        case SerialSettings::Parity::mark: return MARKPARITY;
        case SerialSettings::Parity::space: return SPACEPARITY;
    }
    return NOPARITY;
}

BYTE stop_bits_code(SerialSettings::StopBits stop_bits) {
    switch (stop_bits) {
        case SerialSettings::StopBits::one: return ONESTOPBIT;
        case SerialSettings::StopBits::one_and_half: return ONE5STOPBITS;
        case SerialSettings::StopBits::two: return TWOSTOPBITS;
    }
    return ONESTOPBIT;
}

}  // namespace

void apply_serial_settings(HANDLE handle, const SerialSettings& settings, const std::string& what) {
    DCB dcb{};
    dcb.DCBlength = sizeof dcb;
    if (!GetCommState(handle, &dcb)) fail(what + ": GetCommState");
    dcb.BaudRate = settings.baud;
    dcb.ByteSize = static_cast<BYTE>(settings.data_bits);
    dcb.Parity = parity_code(settings.parity);
    dcb.fParity = settings.parity != SerialSettings::Parity::none;
    dcb.StopBits = stop_bits_code(settings.stop_bits);
    dcb.fBinary = TRUE;         // Win32 has no other mode
    dcb.fNull = FALSE;          // NUL bytes are data (docs/decisions.md#bytes-are-opaque)
    dcb.fAbortOnError = FALSE;  // a line error must not abort every later read
    dcb.fErrorChar = FALSE;
    dcb.fDsrSensitivity = FALSE;
    dcb.fOutxDsrFlow = FALSE;
    dcb.fDtrControl = DTR_CONTROL_ENABLE;  // DTR up: the modem holds the call
    const bool hardware = settings.flow == SerialSettings::FlowControl::rts_cts;
    const bool software = settings.flow == SerialSettings::FlowControl::xon_xoff;
    dcb.fOutxCtsFlow = hardware;
    dcb.fRtsControl = hardware ? RTS_CONTROL_HANDSHAKE : RTS_CONTROL_ENABLE;
    dcb.fOutX = software;
    dcb.fInX = software;
    dcb.XonChar = 0x11;
    dcb.XoffChar = 0x13;
    dcb.XonLim = 2048;
    dcb.XoffLim = 512;
    if (!SetCommState(handle, &dcb)) fail(what + ": SetCommState");
}

SerialSettings read_serial_settings(HANDLE handle, const std::string& device) {
    DCB dcb{};
    dcb.DCBlength = sizeof dcb;
    if (!GetCommState(handle, &dcb)) fail("serial " + device + ": GetCommState");
    SerialSettings settings;
    settings.device = device;
    settings.baud = dcb.BaudRate;
    settings.data_bits = dcb.ByteSize;
    switch (dcb.Parity) {
        case ODDPARITY: settings.parity = SerialSettings::Parity::odd; break;
        case EVENPARITY: settings.parity = SerialSettings::Parity::even; break;
        case MARKPARITY: settings.parity = SerialSettings::Parity::mark; break;
        case SPACEPARITY: settings.parity = SerialSettings::Parity::space; break;
        default: settings.parity = SerialSettings::Parity::none; break;
    }
    switch (dcb.StopBits) {
        case ONE5STOPBITS: settings.stop_bits = SerialSettings::StopBits::one_and_half; break;
        case TWOSTOPBITS: settings.stop_bits = SerialSettings::StopBits::two; break;
        default: settings.stop_bits = SerialSettings::StopBits::one; break;
    }
    if (dcb.fOutxCtsFlow) settings.flow = SerialSettings::FlowControl::rts_cts;
    else if (dcb.fOutX || dcb.fInX) settings.flow = SerialSettings::FlowControl::xon_xoff;
    return settings;
}

}  // namespace rasshost::win32
