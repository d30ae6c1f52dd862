// libFuzzer target: log_escape on any bytes. The result must be valid UTF-8
// with no control character (C0, DEL, C1), no line or paragraph separator
// and no bidirectional control, every '"' escaped, and log_unescape must
// give the input back.
#include <rasshost/log_escape.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* why) {
    std::fprintf(stderr, "fuzz_log_escape: %s\n", why);
    std::abort();
}

// Decodes the (already validated) sequence at `at`, advancing it.
char32_t next_code_point(std::string_view text, std::size_t& at) {
    const auto lead = static_cast<std::uint8_t>(text[at]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (at + length > text.size()) fail("truncated UTF-8");
    char32_t value = length == 1 ? lead : length == 2 ? (lead & 0x1Fu) : length == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<std::uint8_t>(text[at + i]);
        if ((next & 0xC0u) != 0x80u) fail("bad continuation byte");
        value = (value << 6) | (next & 0x3Fu);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if ((lead >= 0x80 && lead < 0xC2) || lead > 0xF4 || value < smallest[length] || value > 0x10FFFF ||
        (value >= 0xD800 && value <= 0xDFFF))
        fail("not well-formed UTF-8");
    at += length;
    return value;
}

bool forbidden(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E ||
           c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string out = rasshost::log_escape(input);
    bool escaping = false;  // the previous character was an unpaired backslash
    for (std::size_t at = 0; at < out.size();) {
        const char32_t c = next_code_point(out, at);
        if (forbidden(c)) fail("a control character in the output");
        if (c == '"' && !escaping) fail("an unescaped quote");
        escaping = c == '\\' && !escaping;
    }
    if (escaping) fail("a dangling backslash");
    const auto back = rasshost::log_unescape(out);
    if (!back || *back != input) fail("log_unescape does not give the input back");
    return 0;
}
