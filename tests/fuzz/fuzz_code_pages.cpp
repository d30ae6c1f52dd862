// libFuzzer target: MultiByteToWideChar and WideCharToMultiByte on any
// bytes in every known code page, with and without the invalid-character
// flags. The size query must equal the converted count, conversions must
// stay within the buffer, and UTF-8 must survive a round trip when valid.
#include <rasshost/win32.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

[[noreturn]] void fail(const char* why) {
    std::fprintf(stderr, "fuzz_code_pages: %s\n", why);
    std::abort();
}

void check(UINT code_page, DWORD flags, const char* bytes, int length) {
    const int needed = MultiByteToWideChar(code_page, flags, bytes, length, nullptr, 0);
    if (needed <= 0) return;
    std::vector<wchar_t> wide(static_cast<std::size_t>(needed));
    if (MultiByteToWideChar(code_page, flags, bytes, length, wide.data(), needed) != needed) fail("size query differs");
    const bool unicode = code_page == CP_UTF8 || code_page == CP_UTF7;
    const int back = WideCharToMultiByte(code_page, 0, wide.data(), needed, nullptr, 0, nullptr, nullptr);
    if (back <= 0) fail("wide text does not convert back");
    std::vector<char> bytes_back(static_cast<std::size_t>(back));
    if (WideCharToMultiByte(code_page, 0, wide.data(), needed, bytes_back.data(), back, nullptr, nullptr) != back)
        fail("byte size query differs");
    if (!unicode && back != length) fail("single-byte round trip changed the length");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0 || size > 4096) return 0;
    const auto* bytes = reinterpret_cast<const char*>(data);
    const int length = static_cast<int>(size);
    for (const UINT code_page : {1252u, 437u, 65000u, 65001u}) check(code_page, 0, bytes, length);
    check(CP_UTF8, MB_ERR_INVALID_CHARS, bytes, length);
    // The bytes as wide characters too (lone surrogates, values past U+10FFFF).
    std::vector<wchar_t> wide(size / sizeof(wchar_t) + 1, 0);
    for (std::size_t i = 0; i + sizeof(wchar_t) <= size; i += sizeof(wchar_t))
        wide[i / sizeof(wchar_t)] = *reinterpret_cast<const wchar_t*>(data + i);
    char out[4 * 4096 + 16];
    for (const UINT code_page : {1252u, 65000u, 65001u}) {
        const int n = WideCharToMultiByte(code_page, 0, wide.data(), static_cast<int>(wide.size()), out, sizeof out,
                                          nullptr, nullptr);
        if (n < 0 || n > static_cast<int>(sizeof out)) fail("count beyond the buffer");
    }
    return 0;
}
