// libFuzzer target: rasshost-serve's option parser. The input is argv[1..]
// with NUL-separated arguments. Any input either parses or throws
// UsageError (nothing else escapes, nothing crashes); what parses is in
// range (buffers 1..65535, timeouts, caps and penalties within their
// documented bounds and accepted by the host, a DLL and a port unless
// --help/--version/--list-ports), and parsing is deterministic.
#include "options.hpp"

#include <asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

DWORD WINAPI begin_stub(HPORT, PBYTE, DWORD, PBYTE, DWORD, RASSHOST_PFN_COMPLETE) { return NO_ERROR; }
DWORD WINAPI end_stub(HPORT) { return NO_ERROR; }

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
    using std::chrono::seconds;
    require(options.dialog_timeout >= seconds(0) && options.dialog_timeout <= seconds(86400LL * 365),
            "dialog timeout in 0..1 year");
    require(options.fail_delay >= seconds(0) && options.fail_delay <= seconds(600), "fail delay in 0..600");
    require(options.max_dialogs <= 1000000 && options.max_dialogs_per_source <= 1000000, "caps in 0..1000000");
    require(options.max_failures <= 100, "max failures in 0..100");
    const seconds week(86400LL * 7);
    require(options.failure_window >= seconds(1) && options.failure_window <= week, "failure window in 1..604800");
    require(options.penalty >= seconds(1) && options.max_penalty <= week, "penalties in 1..604800");
    require(options.penalty <= options.max_penalty, "penalty <= max penalty");
    // What parses, the host accepts (no HostError at start-up).
    rasshost::HostOptions host_options;
    rasshost::serve::apply_limits(options, host_options);
    try {
        asio::io_context io;
        rasshost::SecurityHost host(io, rasshost::SecurityDll{&begin_stub, &end_stub}, host_options);
    } catch (const rasshost::HostError&) {
        require(false, "options the parser accepts are accepted by the host");
    }
    if (!options.help && !options.version && !options.list_ports) {
        require(!options.dll.empty(), "a DLL");
        require(!options.ports.empty(), "a port");
    }
    const auto again = rasshost::serve::parse_command_line(arguments);
    require(again.dll == options.dll && again.ports == options.ports && again.once == options.once &&
                again.dialog_timeout == options.dialog_timeout && again.send_buffer == options.send_buffer &&
                again.receive_buffer == options.receive_buffer && again.log_level == options.log_level &&
                again.fail_delay == options.fail_delay && again.max_dialogs == options.max_dialogs &&
                again.max_dialogs_per_source == options.max_dialogs_per_source &&
                again.max_failures == options.max_failures && again.failure_window == options.failure_window &&
                again.penalty == options.penalty && again.max_penalty == options.max_penalty,
            "deterministic");
    return 0;
}
