// libFuzzer target: rasshost-serve's option parser. The input is argv[1..]
// with NUL-separated arguments. Any input either parses or throws
// UsageError (nothing else escapes, nothing crashes); what parses is in
// range (buffers 1..65535, a DLL and a port unless --help/--version/
// --list-ports), and parsing is deterministic.
#include "options.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "fuzz_command_line: check failed: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> arguments;
    for (std::size_t at = 0; at <= text.size();) {
        const auto end = std::min(text.find('\0', at), text.size());
        arguments.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    rasshost::serve::Options options;
    try {
        options = rasshost::serve::parse_command_line(arguments);
    } catch (const rasshost::serve::UsageError&) {
        return 0;
    }
    require(options.send_buffer >= 1 && options.send_buffer <= 65535, "send buffer in 1..65535");
    require(options.receive_buffer >= 1 && options.receive_buffer <= 65535, "receive buffer in 1..65535");
    if (!options.help && !options.version && !options.list_ports) {
        require(!options.dll.empty(), "a DLL");
        require(!options.ports.empty(), "a port");
    }
    const auto again = rasshost::serve::parse_command_line(arguments);
    require(again.dll == options.dll && again.ports == options.ports && again.once == options.once &&
                again.dialog_timeout == options.dialog_timeout && again.send_buffer == options.send_buffer &&
                again.receive_buffer == options.receive_buffer && again.log_level == options.log_level,
            "deterministic");
    return 0;
}
