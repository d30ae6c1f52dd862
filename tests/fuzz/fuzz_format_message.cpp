// libFuzzer target: FormatMessageA and FormatMessageW on any format text,
// with an argument array whose every value is safe as a number, a narrow
// string and a wide string. The result must be NUL-terminated within the
// buffer, its length the returned count, and never longer than the limit.
#include <rasshost/win32.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

[[noreturn]] void fail(const char* why) {
    std::fprintf(stderr, "fuzz_format_message: %s\n", why);
    std::abort();
}

// Reads as "x" narrow (x, NUL, ...) and as L"x" wide.
const wchar_t both_ways[] = {L'x', 0};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0 || size > 4096) return 0;
    const DWORD flags = data[0];  // the low byte: MAX_WIDTH
    const std::string format(reinterpret_cast<const char*>(data + 1), size - 1);
    DWORD_PTR args[100];
    for (DWORD_PTR& value : args) value = reinterpret_cast<DWORD_PTR>(both_ways);
    static char out[8192];
    const DWORD base = FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY | flags;
    const DWORD n = FormatMessageA(base, format.c_str(), 0, 0, out, sizeof out, reinterpret_cast<va_list*>(args));
    if (n >= sizeof out) fail("count beyond the buffer");
    if (n != 0 && std::strlen(out) != n) fail("count and terminator disagree");
    std::wstring wide(format.begin(), format.end());
    static wchar_t wide_out[8192];
    const DWORD w = FormatMessageW(base, wide.c_str(), 0, 0, wide_out, 8192, reinterpret_cast<va_list*>(args));
    if (w >= 8192) fail("wide count beyond the buffer");
    char* allocated = nullptr;
    if (FormatMessageA(base | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS, format.c_str(), 0, 0,
                       reinterpret_cast<LPSTR>(&allocated), 0, nullptr) != 0)
        LocalFree(allocated);
    return 0;
}
