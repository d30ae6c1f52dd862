// libFuzzer target: rasshost-chat's reader of a transcript
// (tools/rasshost-chat/from_transcript.hpp). Any bytes give a script or a
// refusal; every word of a script is printable ASCII (the escapes say the
// rest), and the quoted word is one a shell reads back as the word.
#include "from_transcript.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& word : rasshost::chat::script_from_transcript(text).words) {
            for (const char c : word)
                if (c < 0x20 || c > 0x7E) {
                    std::fprintf(stderr, "a script word holds a byte outside printable ASCII\n");
                    std::abort();
                }
            const auto quoted = rasshost::chat::shell_quoted(word);
            if (quoted.size() < 2 || quoted.front() != '\'' || quoted.back() != '\'') std::abort();
        }
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
