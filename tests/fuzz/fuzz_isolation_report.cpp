// libFuzzer target: the parser of the report an isolated dialog's process
// writes to the host. The process ran a DLL that may be hostile: any bytes
// must be rejected or parsed within bounds, and what parses must encode
// back to exactly the same bytes (the parser accepts only canonical form).
#include <rasshost/isolation.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace iso = rasshost::isolation;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto report = iso::parse_report(bytes);
    if (!report) return 0;
    if (report->user.size() > iso::max_report_field || report->domain.size() > iso::max_report_field ||
        report->reason.size() > iso::max_report_field) {
        std::fprintf(stderr, "a parsed string is over the bound\n");
        std::abort();
    }
    if (iso::encode_report(*report) != bytes) {
        std::fprintf(stderr, "a parsed report does not encode back to its bytes\n");
        std::abort();
    }
    return 0;
}
