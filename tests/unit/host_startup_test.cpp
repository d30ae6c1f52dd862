// What a host says as it starts: a DLL that cannot be loaded is reported
// with the loader's own reason, and a tcp port open to every interface is
// warned about (passwords cross the network in clear).
#include "fake_dll.hpp"

#include <rasshost/host.hpp>
#include <rasshost/listeners.hpp>

#include <asio/io_context.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace {

const std::string fixture_dir = RASSHOST_TEST_FIXTURE_DIR;

// The HostError message of loading `path` as a security DLL.
std::string load_error(const std::filesystem::path& path) {
    asio::io_context io;
    try {
        rasshost::SecurityHost host(io, path);
    } catch (const rasshost::HostError& error) {
        return error.what();
    }
    FAIL("the DLL loaded");
    return {};
}

struct LogCapture {
    std::mutex mutex;
    std::vector<std::pair<rasshost::LogLevel, std::string>> lines;

    rasshost::HostOptions options() {
        rasshost::HostOptions options;
        options.on_log = [this](rasshost::LogLevel level, std::string_view line) {
            std::lock_guard lock(mutex);
            lines.emplace_back(level, line);
        };
        return options;
    }
    std::size_t count(rasshost::LogLevel level, std::string_view text) {
        std::lock_guard lock(mutex);
        return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const auto& line) {
            return line.first == level && line.second.find(text) != std::string::npos;
        }));
    }
};

}  // namespace

TEST_CASE("a missing DLL is reported with the loader's reason, not only its error number") {
    const auto message = load_error("/nonexistent/libnothing.so");
    INFO(message);
    CHECK(message.find("cannot load security DLL /nonexistent/libnothing.so: ") == 0);
    CHECK(message.find("(error 126)") != std::string::npos);
#ifndef _WIN32
    CHECK(message.find("No such file or directory") != std::string::npos);
#endif
}

TEST_CASE("a file that is not a shared object is reported as such, naming it") {
    const auto dir = std::filesystem::temp_directory_path() / ("rasshost-not-a-dll-" + std::to_string(std::rand()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "not_a_dll.dll";
    std::ofstream(path) << "this is a text file, not a shared object\n";
    const auto message = load_error(path);
    std::filesystem::remove_all(dir);
    INFO(message);
    CHECK(message.find("cannot load security DLL ") == 0);
    // The reason is the loader's, about this very file (dlerror names it;
    // the Windows message has the name put in).
    const auto reason = message.substr(message.find(".dll: ") + 6);
    CHECK(reason.find("not_a_dll.dll") != std::string::npos);
#ifndef _WIN32
    CHECK((reason.find("invalid ELF header") != std::string::npos || reason.find("too short") != std::string::npos));
#endif
}

TEST_CASE("a DLL whose DllMain refuses to attach is reported so") {
    const auto message = load_error(fixture_dir + "/failing_dllmain.dll");
    INFO(message);
    CHECK(message.find("(error 1114)") != std::string::npos);
#ifndef _WIN32
    CHECK(message.find("DllMain returned FALSE") != std::string::npos);
#endif
}

TEST_CASE("a tcp port on all interfaces is warned about once, one on loopback is not") {
    asio::io_context io;
    FakeDll dll;
    LogCapture log;
    {
        rasshost::SecurityHost host(io, FakeDll::entry_points(), log.options());
        host.serve(rasshost::open_tcp_listener(io, {"0.0.0.0", 0}));
        host.serve(rasshost::open_tcp_listener(io, {"127.0.0.1", 0}));
        host.shutdown();
        io.run();  // the accepts and the listeners' close, posted meanwhile
    }
    CHECK(log.count(rasshost::LogLevel::warning, "tcp 0.0.0.0:") == 1);
    CHECK(log.count(rasshost::LogLevel::warning, "listens on all interfaces: passwords cross the network in clear") ==
          1);
    CHECK(log.count(rasshost::LogLevel::warning, "tcp 127.0.0.1:") == 0);
}

TEST_CASE("listens_on_all_interfaces: 0.0.0.0 and :: yes, a given address no") {
    asio::io_context io;
    CHECK(rasshost::open_tcp_listener(io, {"0.0.0.0", 0})->listens_on_all_interfaces());
    CHECK_FALSE(rasshost::open_tcp_listener(io, {"127.0.0.1", 0})->listens_on_all_interfaces());
    try {
        CHECK(rasshost::open_tcp_listener(io, {"::", 0})->listens_on_all_interfaces());
    } catch (const std::system_error&) {
        MESSAGE("no IPv6 here: :: not checked");
    }
}
