// libFuzzer target: Windows path resolution and FindFirstFile's pattern
// matching. Any bytes as a path resolve or fail with an error (never a
// crash, never an overlong result); any pattern/name pair matches in
// bounded time; '*' matches every name and a name without wildcards
// matches itself in any letter case.
#include "posix/win32/files/wildcard.hpp"
#include "posix/win32/files/windows_path.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace rasshost::posix;

namespace {

[[noreturn]] void fail(const char* what, const std::string& input) {
    std::fprintf(stderr, "fuzz_windows_path: %s (input \"%s\")\n", what, input.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::string path = input.substr(0, input.find('\0'));
    for (const auto last : {LastComponent::name, LastComponent::pattern}) {
        const ResolvedPath resolved = resolve_path(path.c_str(), last);
        if (resolved.error == ERROR_SUCCESS && resolved.windows.size() >= MAX_PATH)
            fail("a full path of MAX_PATH or more was accepted", path);
    }
    const auto split = input.find('\0');
    const std::string_view pattern = std::string_view(input).substr(0, split);
    const std::string_view name = split == std::string::npos ? std::string_view() : std::string_view(input).substr(split + 1);
    (void)wildcard_match(pattern, name);
    if (!wildcard_match("*", name)) fail("'*' does not match a name", input);
    if (pattern.find_first_of("*?") == std::string_view::npos && !wildcard_match(pattern, pattern))
        fail("a plain name does not match itself", input);
    return 0;
}
