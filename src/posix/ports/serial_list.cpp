// list_serial_ports(): the tty class in sysfs. A tty with a `device` link is
// backed by hardware (or a driver standing in for it); consoles, virtual
// terminals and ptys have none. Since Linux 6.5 a serial port's device is on
// the serial-base bus, whose drivers ("port", "ctrl") stand for every
// UART: the real driver is that of the first parent off that bus.
#include <rasshost/serial.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace rasshost {
namespace {

namespace fs = std::filesystem;

std::string first_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::optional<std::uint16_t> hex_id(const fs::path& file) {
    const auto text = first_line(file);
    std::uint16_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (text.empty() || error != std::errc()) return std::nullopt;
    return value;
}

// USB serial adapters: the tty's device is an interface; the usb_device
// with idVendor/idProduct is one of its parents.
void add_usb_details(const fs::path& device, SerialPortInfo& info) {
    std::error_code error;
    for (auto dir = fs::canonical(device, error); !error && dir.has_relative_path(); dir = dir.parent_path()) {
        if (!fs::exists(dir / "idVendor", error)) continue;
        info.usb_vendor_id = hex_id(dir / "idVendor");
        info.usb_product_id = hex_id(dir / "idProduct");
        const auto maker = first_line(dir / "manufacturer");
        const auto product = first_line(dir / "product");
        info.description = maker.empty() ? product : product.empty() ? maker : maker + " " + product;
        info.usb_serial = first_line(dir / "serial");
        return;
    }
}

// The driver of `device` or of its first parent off the serial-base bus.
std::string driver_of(const fs::path& device) {
    std::error_code error;
    for (auto dir = fs::canonical(device, error); !error && dir.has_relative_path(); dir = dir.parent_path()) {
        std::error_code none;
        const auto driver = fs::read_symlink(dir / "driver", none);
        if (none) continue;
        std::error_code no_bus;
        if (fs::read_symlink(dir / "subsystem", no_bus).filename() == "serial-base") continue;
        return driver.filename().string();
    }
    return {};
}

// The /dev/serial/by-id links that lead to `device` ("/dev/ttyUSB0").
std::vector<std::string> stable_names(const fs::path& dev, const std::string& device_name) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& link : fs::directory_iterator(dev / "serial" / "by-id", error)) {
        std::error_code unreadable;
        const auto target = fs::read_symlink(link.path(), unreadable);
        if (!unreadable && target.filename() == device_name) names.push_back("/dev/serial/by-id/" + link.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

std::vector<SerialPortInfo> list_serial_ports() { return list_serial_ports("/sys", "/dev"); }

std::vector<SerialPortInfo> list_serial_ports(const std::string& sys, const std::string& dev) {
    std::vector<SerialPortInfo> ports;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(fs::path(sys) / "class" / "tty", error)) {
        const auto device = entry.path() / "device";
        if (!fs::exists(device, error)) continue;
        const auto name = entry.path().filename().string();
        // 8250 phantoms: registered by count, no UART found (type 0).
        if (fs::exists(entry.path() / "type", error) && first_line(entry.path() / "type") == "0") continue;
        SerialPortInfo info;
        info.device = "/dev/" + name;
        info.driver = driver_of(device);
        add_usb_details(device, info);
        info.names = stable_names(dev, name);
        ports.push_back(std::move(info));
    }
    std::sort(ports.begin(), ports.end(), [](const auto& a, const auto& b) { return a.device < b.device; });
    return ports;
}

}  // namespace rasshost
