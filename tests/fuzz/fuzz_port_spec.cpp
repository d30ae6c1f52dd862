// libFuzzer target: rasshost::parse_port_spec, the "kind:details" strings
// users type for --port. Any input either parses or throws PortSpecError
// (nothing else escapes, nothing crashes), and what parses round-trips:
// parse_port_spec(to_string(s)) == s, as port_spec.hpp promises.
#include <rasshost/port_spec.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    rasshost::PortSpec spec;
    try {
        spec = rasshost::parse_port_spec(text);
    } catch (const rasshost::PortSpecError&) {
        return 0;
    }
    const std::string canonical = rasshost::to_string(spec);
    rasshost::PortSpec again;
    try {
        again = rasshost::parse_port_spec(canonical);
    } catch (const rasshost::PortSpecError& error) {
        std::fprintf(stderr, "fuzz_port_spec: to_string gave \"%s\", which does not parse: %s\n", canonical.c_str(),
                     error.what());
        std::abort();
    }
    if (!(again == spec)) {
        std::fprintf(stderr, "fuzz_port_spec: \"%s\" does not round-trip\n", canonical.c_str());
        std::abort();
    }
    return 0;
}
