// list_serial_ports(): the tty class in sysfs. A tty with a `device` link is
// backed by hardware (or a driver standing in for it); consoles, virtual
// terminals and ptys have none.
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
        return;
    }
}

}  // namespace

std::vector<SerialPortInfo> list_serial_ports() {
    std::vector<SerialPortInfo> ports;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/sys/class/tty", error)) {
        const auto device = entry.path() / "device";
        if (!fs::exists(device, error)) continue;
        const auto name = entry.path().filename().string();
        // 8250 phantoms: registered by count, no UART found (type 0).
        if (fs::exists(entry.path() / "type", error) && first_line(entry.path() / "type") == "0") continue;
        SerialPortInfo info;
        info.device = "/dev/" + name;
        std::error_code no_driver;
        const auto driver = fs::read_symlink(device / "driver", no_driver);
        if (!no_driver) info.driver = driver.filename().string();
        add_usb_details(device, info);
        ports.push_back(std::move(info));
    }
    std::sort(ports.begin(), ports.end(), [](const auto& a, const auto& b) { return a.device < b.device; });
    return ports;
}

}  // namespace rasshost
