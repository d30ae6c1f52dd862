// libFuzzer target: rasshost::parse_system_version, the version strings
// operators type for rasshost-serve --windows-version. Any input parses or
// gives nullopt without crashing, and what parses round-trips through
// to_string.
#include <rasshost/system_version.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

bool same(const rasshost::SystemVersion& a, const rasshost::SystemVersion& b) {
    return a.major == b.major && a.minor == b.minor && a.build == b.build &&
           a.service_pack_major == b.service_pack_major && a.service_pack_name == b.service_pack_name &&
           a.product_type == b.product_type;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto version = rasshost::parse_system_version(text);
    if (!version) return 0;
    const std::string canonical = rasshost::to_string(*version);
    const auto again = rasshost::parse_system_version(canonical);
    if (!again || !same(*again, *version)) {
        std::fprintf(stderr, "fuzz_system_version: \"%s\" does not round-trip\n", canonical.c_str());
        std::abort();
    }
    return 0;
}
