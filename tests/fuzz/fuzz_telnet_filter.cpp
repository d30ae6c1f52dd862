// libFuzzer target: the telnet filter of TCP lines (IAC sequences removed
// from what the remote user types, answers produced, CR NUL made a CR),
// after the host's offer as on a real line. The first bytes of the input
// choose where the rest is split into reads; the filter is a state machine
// that must not care: split or whole, the same data and the same answers
// come out. Neither is ever longer than the input (what bounds the answers
// queued for a client that does not read them).
#include "common/telnet_filter.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    std::vector<std::size_t> cuts;
    const auto pieces = input.ConsumeIntegralInRange<std::size_t>(0, 16);
    for (std::size_t i = 0; i < pieces; ++i) cuts.push_back(input.ConsumeIntegralInRange<std::size_t>(1, 64));
    const auto bytes = input.ConsumeRemainingBytes<std::byte>();

    rasshost::TelnetFilter whole;
    std::vector<std::byte> whole_data, whole_reply;
    whole.offer(whole_reply);
    const std::size_t offer_size = whole_reply.size();
    whole.feed(bytes, whole_data, whole_reply);

    rasshost::TelnetFilter split;
    std::vector<std::byte> split_data, split_reply;
    split.offer(split_reply);
    std::size_t at = 0;
    for (std::size_t i = 0; at < bytes.size(); ++i) {
        const auto n = i < cuts.size() ? std::min(cuts[i], bytes.size() - at) : bytes.size() - at;
        split.feed(std::span(bytes).subspan(at, n), split_data, split_reply);
        at += n;
    }
    if (whole_data != split_data || whole_reply != split_reply) {
        std::fprintf(stderr, "fuzz_telnet_filter: split and whole feeds differ\n");
        std::abort();
    }
    if (whole_data.size() > bytes.size() || whole_reply.size() - offer_size > bytes.size()) {
        std::fprintf(stderr, "fuzz_telnet_filter: more out than in\n");
        std::abort();
    }
    return 0;
}
