// wsprintfA: Win32's format rules ('l' is 32 bits even on LP64, I64 is 64
// bits, no floating point) and its 1024-byte output limit.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <cstdint>
#include <cstring>
#include <string>
#include "support/platform_cases.hpp"

namespace {
// Output buffer with a guard area: wsprintf may use 1024 bytes, no more.
struct Buffer {
    char bytes[1100];
    Buffer() { std::memset(bytes, '#', sizeof bytes); }
    bool guard_intact() const {
        for (std::size_t i = 1024; i < sizeof bytes; ++i)
            if (bytes[i] != '#') return false;
        return true;
    }
};
}  // namespace

TEST_CASE("wsprintfA %lu reads a 32-bit DWORD (Win32 'l' is 32 bits on LP64)") {
    Buffer out;
    const DWORD big = 4000000000u;
    const DWORD one = 1;
    CHECK(wsprintfA(out.bytes, "%lu|%lu|%s", big, one, "end") == 16);
    CHECK(std::string(out.bytes) == "4000000000|1|end");
}

TEST_CASE("wsprintfA %08lX, %-5d|, %.3s, %c, %% (Win32 format fields)") {
    Buffer out;
    CHECK(wsprintfA(out.bytes, "%08lX", DWORD{0xBEEF}) == 8);
    CHECK(std::string(out.bytes) == "0000BEEF");
    CHECK(wsprintfA(out.bytes, "%-5d|", 42) == 6);
    CHECK(std::string(out.bytes) == "42   |");
    CHECK(wsprintfA(out.bytes, "%.3s", "abcdef") == 3);
    CHECK(std::string(out.bytes) == "abc");
    CHECK(wsprintfA(out.bytes, "%c%c", 'O', 'K') == 2);
    CHECK(std::string(out.bytes) == "OK");
    CHECK(wsprintfA(out.bytes, "100%%") == 4);
    CHECK(std::string(out.bytes) == "100%");
}

TEST_CASE("wsprintfA %s with NULL prints (null)") {
    Buffer out;
    CHECK(wsprintfA(out.bytes, "[%s]", static_cast<const char*>(nullptr)) == 8);
    CHECK(std::string(out.bytes) == "[(null)]");
}

TEST_CASE("wsprintfA I64, I32 and I size prefixes (values from Wine's tests run on Windows)") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    CHECK(wsprintfA(out.bytes, "%I64u", static_cast<ULONGLONG>(-123)) == 20);
    CHECK(std::string(out.bytes) == "18446744073709551493");
    wsprintfA(out.bytes, "%I64X", (ULONGLONG{0x12345} << 32) | 0x67890a);
    CHECK(std::string(out.bytes) == "123450067890A");
    wsprintfA(out.bytes, "%I64d", LONGLONG{543210} * 1000000);
    CHECK(std::string(out.bytes) == "543210000000");
    wsprintfA(out.bytes, "%I64X", static_cast<LONGLONG>(-0x12345));
    CHECK(std::string(out.bytes) == "FFFFFFFFFFFEDCBB");
    wsprintfA(out.bytes, "%I32x", static_cast<DWORD>(-0x12345));
    CHECK(std::string(out.bytes) == "fffedcbb");
    wsprintfA(out.bytes, "%Id", static_cast<INT_PTR>(-12345));
    CHECK(std::string(out.bytes) == "-12345");
    wsprintfA(out.bytes, "%Ix", static_cast<INT_PTR>(-0x12345));
    CHECK(std::string(out.bytes) == (sizeof(void*) == 8 ? "fffffffffffedcbb" : "fffedcbb"));
    wsprintfA(out.bytes, "%lld|%llu", -5LL, 7ULL);  // rasshost extension
    CHECK(std::string(out.bytes) == "-5|7");
}

TEST_CASE("wsprintfA %p prints pointer-size upper-case hex, zero-padded (Windows, per Wine's tests)") {
    Buffer out;
    const int length = wsprintfA(out.bytes, "%p", reinterpret_cast<void*>(static_cast<INT_PTR>(-0x12345)));
    if (sizeof(void*) == 8) {
        CHECK(length == 16);
        CHECK(std::string(out.bytes) == "FFFFFFFFFFFEDCBB");
    } else {
        CHECK(std::string(out.bytes) == "FFFEDCBB");
    }
    wsprintfA(out.bytes, "%p", static_cast<void*>(nullptr));
    CHECK(std::string(out.bytes) == std::string(2 * sizeof(void*), '0'));
}

TEST_CASE("wsprintfA width and precision combinations") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    auto format = [&](const char* fmt, auto value) {
        wsprintfA(out.bytes, fmt, value);
        return std::string(out.bytes);
    };
    CHECK(format("%010ld", -1) == "-000000001");  // Wine's test, from Windows
    CHECK(format("%5.3s|", "abcdef") == "  abc|");
    CHECK(format("%-6.2s|", "abcdef") == "ab    |");
    CHECK(format("%.5d", 42) == "00042");
    CHECK(format("%8.5d|", -42) == "  -00042|");
    CHECK(format("%-8.3u|", 7u) == "007     |");
    CHECK(format("%5d|", -3) == "   -3|");
    CHECK(format("%05d|", -3) == "-0003|");
    CHECK(format("%#x", 255u) == "0xff");
    CHECK(format("%#X", 255u) == "0XFF");
    CHECK(format("%#010x", 255u) == "0x000000ff");
    CHECK(format("%5c|", 'x') == "    x|");
    CHECK(format("%-3c|", 'x') == "x  |");
    CHECK(format("%.0s|", "whole") == "whole|");  // precision 0: no limit
    CHECK(format("%.0d", 0) == "0");              // numbers: precision 0 means 1
    CHECK(format("%3s|", "long") == "long|");     // width never truncates
}

TEST_CASE("wsprintfA h prefix: 16-bit numbers, narrow characters and strings") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    wsprintfA(out.bytes, "%hd|%hu|%hx", 65535, 70000, 0x12345);
    CHECK(std::string(out.bytes) == "-1|4464|2345");
    wsprintfA(out.bytes, "%hs|%hc|%hC", "narrow", 'n', 'N');
    CHECK(std::string(out.bytes) == "narrow|n|N");
}

TEST_CASE("wsprintfA wide arguments: %S, %ls, %ws, %C, %lc are converted to UTF-8") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    wsprintfA(out.bytes, "%S|%ls|%ws", L"wide", L"\u00e9t\u00e9", L"x");
    CHECK(std::string(out.bytes) == "wide|\xC3\xA9t\xC3\xA9|x");
    wsprintfA(out.bytes, "%C%lc", static_cast<wchar_t>(L'\u20ac'), static_cast<wchar_t>(L'z'));
    CHECK(std::string(out.bytes) == "\xE2\x82\xAC" "z");
    CHECK(wsprintfA(out.bytes, "%.1S", L"\u2606") == 1);  // precision counts bytes, as on Windows
    CHECK(wsprintfA(out.bytes, "%S", static_cast<const wchar_t*>(nullptr)) == 6);
    CHECK(std::string(out.bytes) == "(null)");
}

TEST_CASE("wsprintfA ignores a zero character argument (Win32 documentation)") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    CHECK(wsprintfA(out.bytes, "[%c]", 0) == 2);
    CHECK(std::string(out.bytes) == "[]");
}

TEST_CASE("wsprintfA has no floating point: an unknown type prints its character and uses no argument") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    CHECK(wsprintfA(out.bytes, "%f|%d", 7) == 3);
    CHECK(std::string(out.bytes) == "f|7");
    wsprintfA(out.bytes, "%5.2f");
    CHECK(std::string(out.bytes) == "f");
    wsprintfA(out.bytes, "%n%y");
    CHECK(std::string(out.bytes) == "ny");
    CHECK(wsprintfA(out.bytes, "end%") == 3);
    CHECK(std::string(out.bytes) == "end");
}

TEST_CASE("wsprintfA truncates at 1023 characters + NUL (the 1024-byte Win32 limit)") {
    platform_cases::skip_under_wine("Wine's wsprintfA differs from Windows here");
    Buffer out;
    const std::string long_text(2000, 'a');
    CHECK(wsprintfA(out.bytes, "%s", long_text.c_str()) == 1023);
    CHECK(std::strlen(out.bytes) == 1023);
    CHECK(out.bytes[1023] == '\0');
    CHECK(out.guard_intact());

    Buffer literal;
    CHECK(wsprintfA(literal.bytes, long_text.c_str()) == 1023);
    CHECK(std::strlen(literal.bytes) == 1023);
    CHECK(literal.guard_intact());

    Buffer padded;
    CHECK(wsprintfA(padded.bytes, "%s%2000d", "x", 5) == 1023);
    CHECK(padded.guard_intact());

    Buffer exact;
    const std::string fits(1023, 'b');
    CHECK(wsprintfA(exact.bytes, "%s", fits.c_str()) == 1023);
    CHECK(exact.guard_intact());
}

TEST_CASE("wsprintfA with NULL output or format returns 0 + ERROR_INVALID_PARAMETER, never crashes" * platform_cases::posix_emulation_only) {
    SetLastError(NO_ERROR);
    CHECK(wsprintfA(nullptr, "%d", 1) == 0);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    Buffer out;
    SetLastError(NO_ERROR);
    CHECK(wsprintfA(out.bytes, nullptr) == 0);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(out.bytes[0] == '\0');
}
