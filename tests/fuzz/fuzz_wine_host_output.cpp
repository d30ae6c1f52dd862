// libFuzzer target: the reader of a Windows host's output lines under Wine
// (tools/rasshost-serve/wine_host_output.hpp). The host ran a DLL that may
// be hostile, and its lines are read as they come: any bytes, cut into
// lines anywhere, must be read within bounds, every line passed on must be
// one line, and the dialogs reported in flight must be ones a line began.
#include "wine_host_output.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using rasshost::serve::WineHostOutput;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // The first byte picks the level shown and a rename, the rest are lines.
    const auto level = static_cast<rasshost::LogLevel>(size > 0 ? data[0] % 5 : 0);
    WineHostOutput output(level);
    if (size > 0 && (data[0] & 0x80) != 0) output.rename("COM1", "pty /dev/pts/4");
    if (!bytes.empty()) bytes.remove_prefix(1);
    const auto now = WineHostOutput::Clock::time_point{};
    while (!bytes.empty()) {
        const auto end = bytes.find('\n');
        const auto line = bytes.substr(0, end);
        bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
        const auto shown = output.line(line, now);
        if (shown && (shown->text.empty() || shown->text.back() != '\n' ||
                      shown->text.find('\n') != shown->text.size() - 1))
            fail("a line passed on is not one line");
    }
    if (output.dialogs_in_flight() > WineHostOutput::max_tracked) fail("more dialogs tracked than the bound");
    const auto left = output.in_flight(1067, "crashed", now);
    if (left.size() != output.dialogs_in_flight()) fail("in_flight and dialogs_in_flight disagree");
    if (output.crash().size() > 128) fail("the crash text is over its bound");
    return 0;
}
