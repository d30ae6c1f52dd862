// libFuzzer target: rasshost-serve's configuration file reader
// (tools/rasshost-serve/config_file.hpp). Any bytes are refused with a
// usage error or read into command-line words, each one option ("--name"
// or "--name=value") of one line.
#include "config_file.hpp"
#include "options.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& word : rasshost::serve::parse_config_text(text, "fuzz.conf")) {
            if (!word.starts_with("--") || word.size() < 3 || word.find('\n') != std::string::npos) {
                std::fprintf(stderr, "a word that is no option of one line\n");
                std::abort();
            }
        }
    } catch (const rasshost::serve::UsageError&) {
    }
    return 0;
}
