// libFuzzer target: rasshost-serve's reader of Windows DLL headers
// (tools/rasshost-serve/pe_image.hpp), which reads whatever file an
// administrator names with --dll. Any input is read or refused with a
// reason, within the documented limits on the names.
#include "pe_image.hpp"

#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rasshost::serve;
    std::string why;
    const auto image = read_pe_image(std::as_bytes(std::span(data, size)), why);
    if (image.has_value() == !why.empty()) {
        std::fprintf(stderr, "fuzz_pe_image: an image and a reason, or neither\n");
        std::abort();
    }
    if (!image) return 0;
    if (image->exports.size() > max_pe_exports) std::abort();
    for (const auto& name : image->exports)
        if (name.size() > max_pe_export_name || name.find('\0') != std::string::npos) std::abort();
    (void)missing_security_exports(*image);
    (void)describe_machine(*image);
    return 0;
}
