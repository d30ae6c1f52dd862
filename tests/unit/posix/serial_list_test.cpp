// list_serial_ports() over a sysfs built here as Linux lays it out: since
// Linux 6.5 a serial port's device sits on the serial-base bus, whose
// "port" driver stands for every UART, and the real driver is a parent's;
// a USB adapter's serial number and its /dev/serial/by-id name are shown.
#include <doctest/doctest.h>

#include <rasshost/serial.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct FakeSystem {
    FakeSystem() {
        fs::remove_all(root);
        fs::create_directories(root);
    }
    ~FakeSystem() { fs::remove_all(root); }
    fs::path dir(const std::string& path) {
        fs::create_directories(root / path);
        return root / path;
    }
    void link(const std::string& from, const std::string& to) {
        fs::create_directories((root / from).parent_path());
        fs::create_symlink(to, root / from);
    }
    void file(const std::string& path, const std::string& text) {
        fs::create_directories((root / path).parent_path());
        std::ofstream(root / path) << text << "\n";
    }
    // A tty device at `device` (under sys/devices), listed in class/tty.
    void tty(const std::string& name, const std::string& device) {
        dir("sys/devices/" + device + "/tty/" + name);
        link("sys/class/tty/" + name, fs::absolute(root / ("sys/devices/" + device + "/tty/" + name)).string());
        link("sys/devices/" + device + "/tty/" + name + "/device", fs::absolute(root / ("sys/devices/" + device)).string());
    }
    void driver(const std::string& device, const std::string& bus, const std::string& driver_name) {
        dir("sys/bus/" + bus + "/drivers/" + driver_name);
        link("sys/devices/" + device + "/driver", fs::absolute(root / ("sys/bus/" + bus + "/drivers/" + driver_name)).string());
        link("sys/devices/" + device + "/subsystem", fs::absolute(root / ("sys/bus/" + bus)).string());
    }
    std::vector<rasshost::SerialPortInfo> list() {
        return rasshost::list_serial_ports((root / "sys").string(), (root / "dev").string());
    }
    // One tree per case and process: ctest runs the cases at once.
    fs::path root = fs::temp_directory_path() / ("rasshost-serial-list-test-" + std::to_string(::getpid()) + "-" +
                                                 std::to_string(++trees));
    static inline int trees = 0;
};

}  // namespace

TEST_CASE("serial ports on Linux 6.5 and later: the driver is the one off the serial-base bus") {
    FakeSystem system;
    // 8250 on a PNP device: serial8250's port device 00:01:0.0 on serial-base.
    system.driver("pnp0/00:01", "pnp", "serial");
    system.driver("pnp0/00:01/00:01:0", "serial-base", "ctrl");
    system.driver("pnp0/00:01/00:01:0/00:01:0.0", "serial-base", "port");
    system.tty("ttyS0", "pnp0/00:01/00:01:0/00:01:0.0");
    system.file("sys/devices/pnp0/00:01/00:01:0/00:01:0.0/tty/ttyS0/type", "4");
    // A phantom 8250 port: no UART at its address.
    system.driver("platform/serial8250/serial8250:0/serial8250:0.3", "serial-base", "port");
    system.tty("ttyS3", "platform/serial8250/serial8250:0/serial8250:0.3");
    system.file("sys/devices/platform/serial8250/serial8250:0/serial8250:0.3/tty/ttyS3/type", "0");
    const auto ports = system.list();
    REQUIRE(ports.size() == 1);
    CHECK(ports[0].device == "/dev/ttyS0");
    CHECK(ports[0].driver == "serial");
}

TEST_CASE("serial ports: a USB adapter's ids, serial number and /dev/serial/by-id name") {
    FakeSystem system;
    const std::string usb = "pci0000:00/0000:00:14.0/usb1/1-2";
    system.file("sys/devices/" + usb + "/idVendor", "0403");
    system.file("sys/devices/" + usb + "/idProduct", "6001");
    system.file("sys/devices/" + usb + "/manufacturer", "FTDI");
    system.file("sys/devices/" + usb + "/product", "FT232R USB UART");
    system.file("sys/devices/" + usb + "/serial", "A50285BI");
    system.driver(usb + "/1-2:1.0/ttyUSB0", "usb-serial", "ftdi_sio");
    system.tty("ttyUSB0", usb + "/1-2:1.0/ttyUSB0");
    system.link("dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0", "../../ttyUSB0");
    system.link("dev/serial/by-id/usb-other-if00", "../../ttyUSB1");
    const auto ports = system.list();
    REQUIRE(ports.size() == 1);
    CHECK(ports[0].device == "/dev/ttyUSB0");
    CHECK(ports[0].driver == "ftdi_sio");
    CHECK(ports[0].usb_vendor_id == 0x0403);
    CHECK(ports[0].usb_product_id == 0x6001);
    CHECK(ports[0].description == "FTDI FT232R USB UART");
    CHECK(ports[0].usb_serial == "A50285BI");
    CHECK(ports[0].names == std::vector<std::string>{"/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"});
}

TEST_CASE("serial ports: a tty without a device (a console, a pty) is not one") {
    FakeSystem system;
    system.dir("sys/devices/virtual/tty/tty0");
    system.link("sys/class/tty/tty0", fs::absolute(system.root / "sys/devices/virtual/tty/tty0").string());
    CHECK(system.list().empty());
}
