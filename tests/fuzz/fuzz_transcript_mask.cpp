// libFuzzer target: what a transcript shows (src/common/transcript_mask.hpp).
// The input is a script of chunks, each received or sent, or received and
// at once echoed back as a DLL echoes: masking keeps every length, a
// received chunk shows nothing but '*', CR and LF, and an echo that follows
// its input shows no typed byte -- however much came before, bounds included.
#include "common/transcript_mask.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "fuzz_transcript_mask: check failed: %s\n", what);
    std::abort();
}

// What the DLL sends back of a chunk it received: its printable bytes.
std::string echo_of(const std::string& typed) {
    std::string echo;
    for (char c : typed)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) echo += c;
    return echo;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    rasshost::TranscriptMask mask;
    while (input.remaining_bytes() > 0) {
        const auto what = input.ConsumeIntegralInRange<int>(0, 2);
        const auto chunk = input.ConsumeRandomLengthString(2048);
        std::string bytes = chunk;
        if (what == 1) {
            mask.sent(bytes);
            require(bytes.size() == chunk.size(), "a sent chunk keeps its length");
            continue;
        }
        mask.received(bytes);
        require(bytes.size() == chunk.size(), "a received chunk keeps its length");
        for (char c : bytes) require(c == '*' || c == '\r' || c == '\n', "a received byte shows");
        if (what == 2) {
            std::string echo = echo_of(chunk);
            mask.sent(echo);
            require(echo.find_first_not_of('*') == std::string::npos, "an echo shows a typed byte");
        }
    }
    return 0;
}
