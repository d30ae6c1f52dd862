// libFuzzer target: the .reg parser (src/posix/win32/registry/reg_file_parser.hpp),
// which reads files an administrator copies from another machine. Any input
// either parses or gives an error on a line of the input (nothing crashes,
// nothing grows past the documented limits), and a bad file yields no changes.
#include "posix/win32/registry/reg_file_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rasshost::posix::registry;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const RegParse parsed = parse_reg_file(bytes);
    // A UTF-16 file has at most one line for every two bytes; any file at most one a byte.
    const auto lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
    if (parsed.error_line > lines || (parsed.error_line && !parsed.changes.empty())) {
        std::fprintf(stderr, "fuzz_reg_file: error on line %zu of %zu, %zu changes\n", parsed.error_line, lines,
                     parsed.changes.size());
        std::abort();
    }
    for (const auto& change : parsed.changes) {
        if (change.data.size() > max_reg_value_bytes * sizeof(wchar_t) || !root_name(change.root)) {
            std::fprintf(stderr, "fuzz_reg_file: a change past the limits\n");
            std::abort();
        }
    }
    return 0;
}
