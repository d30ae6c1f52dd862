// list_serial_ports() on Windows: the COM ports the serial drivers have
// registered under HKLM\HARDWARE\DEVICEMAP\SERIALCOMM (value data "COM3"),
// the list Device Manager and terminal programs show. Sorted by number.
#include <rasshost/serial.hpp>
#include <rasshost/win32.h>

#include <algorithm>
#include <cstdlib>

namespace rasshost {

std::vector<SerialPortInfo> list_serial_ports() {
    std::vector<SerialPortInfo> ports;
    HKEY key = nullptr;
    if (RegOpenKeyExA(HKEY_LOCAL_MACHINE, "HARDWARE\\DEVICEMAP\\SERIALCOMM", 0, KEY_READ, &key) != ERROR_SUCCESS)
        return ports;
    for (DWORD index = 0;; ++index) {
        char name[256];
        char data[256];
        DWORD name_size = sizeof name;
        DWORD data_size = sizeof data - 1;
        DWORD type = 0;
        const LONG result = RegEnumValueA(key, index, name, &name_size, nullptr, &type,
                                          reinterpret_cast<BYTE*>(data), &data_size);
        if (result == ERROR_NO_MORE_ITEMS) break;
        if (result != ERROR_SUCCESS || type != REG_SZ) continue;
        data[data_size] = '\0';
        SerialPortInfo info;
        info.device = data;
        info.driver = name;  // "\Device\Serial0", "\Device\VCP0": the driver's device object
        ports.push_back(std::move(info));
    }
    RegCloseKey(key);
    auto number = [](const SerialPortInfo& p) { return std::atoi(p.device.c_str() + std::min<std::size_t>(3, p.device.size())); };
    std::sort(ports.begin(), ports.end(), [&](const auto& a, const auto& b) { return number(a) < number(b); });
    return ports;
}

// No sysfs on Windows: the form for tests finds nothing.
std::vector<SerialPortInfo> list_serial_ports(const std::string&, const std::string&) { return {}; }

}  // namespace rasshost
