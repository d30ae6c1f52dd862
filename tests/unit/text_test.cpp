// Code pages (MultiByteToWideChar, WideCharToMultiByte) and the characters
// of the ANSI code page (CharUpperA ..., wvsprintfA). WCHAR is 32 bits on
// Linux and 16 on Windows: a character beyond U+FFFF counts one WCHAR in
// the emulation and two UTF-16 units on Windows, which the cases say.
#include <doctest/doctest.h>
#include <rasshost/code_page.hpp>
#include <rasshost/win32.h>

#include <cstdarg>
#include <cstdint>
#include <string>
#include "support/platform_cases.hpp"

namespace {

std::wstring to_wide(UINT code_page, const std::string& bytes, DWORD flags = 0) {
    wchar_t out[64] = {};
    const int n = MultiByteToWideChar(code_page, flags, bytes.data(), static_cast<int>(bytes.size()), out, 64);
    return std::wstring(out, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string to_bytes(UINT code_page, const std::wstring& wide) {
    char out[64] = {};
    const int n = WideCharToMultiByte(code_page, 0, wide.data(), static_cast<int>(wide.size()), out, 64, nullptr,
                                      nullptr);
    return std::string(out, n > 0 ? static_cast<std::size_t>(n) : 0);
}

// The failure code of a call that must return 0.
template <typename Call>
DWORD failure_of(Call call) {
    SetLastError(0);
    CHECK(call() == 0);
    return GetLastError();
}

constexpr bool utf16 = sizeof(wchar_t) == 2;  // Windows; Linux holds UTF-32

}  // namespace

TEST_CASE("MultiByteToWideChar 1252: the euro sign, Latin-1, and no terminator with an explicit length") {
    CHECK(to_wide(1252, "\x80\xE9" "A") == L"\u20AC\u00E9A");
    CHECK(to_wide(1252, "\x81\x9F") == L"\u0081\u0178");  // undefined bytes stay C1 controls
}

TEST_CASE("MultiByteToWideChar: -1 counts the NUL, 0 output size asks the size") {
    CHECK(MultiByteToWideChar(1252, 0, "abc", -1, nullptr, 0) == 4);
    CHECK(MultiByteToWideChar(1252, 0, "abc", 3, nullptr, 0) == 3);
    wchar_t out[8];
    CHECK(MultiByteToWideChar(1252, 0, "abc", -1, out, 8) == 4);
    CHECK(std::wstring(out) == L"abc");
}

TEST_CASE("MultiByteToWideChar: ERROR_INSUFFICIENT_BUFFER and ERROR_INVALID_PARAMETER") {
    wchar_t out[8];
    CHECK(failure_of([&] { return MultiByteToWideChar(1252, 0, "abcdef", -1, out, 3); }) == ERROR_INSUFFICIENT_BUFFER);
    CHECK(failure_of([&] { return MultiByteToWideChar(1252, 0, nullptr, 3, out, 8); }) == ERROR_INVALID_PARAMETER);
    CHECK(failure_of([&] { return MultiByteToWideChar(1252, 0, "abc", 0, out, 8); }) == ERROR_INVALID_PARAMETER);
    CHECK(failure_of([&] { return MultiByteToWideChar(1252, 0, "abc", 3, nullptr, 8); }) == ERROR_INVALID_PARAMETER);
    CHECK(failure_of([&] { return MultiByteToWideChar(1252, 0, "abc", 3, out, -1); }) == ERROR_INVALID_PARAMETER);
    CHECK(failure_of([&] { return MultiByteToWideChar(12345, 0, "abc", 3, out, 8); }) == ERROR_INVALID_PARAMETER);
}

TEST_CASE("MultiByteToWideChar: UTF-8 takes only MB_ERR_INVALID_CHARS, as Microsoft documents") {
    platform_cases::skip_under_wine("Wine accepts other flags with CP_UTF8");
    wchar_t out[8];
    CHECK(failure_of([&] { return MultiByteToWideChar(CP_UTF8, MB_COMPOSITE, "abc", 3, out, 8); }) ==
          ERROR_INVALID_FLAGS);
}

TEST_CASE("MultiByteToWideChar: UTF-7 takes no flags") {
    wchar_t out[8];
    CHECK(failure_of([&] { return MultiByteToWideChar(CP_UTF7, MB_ERR_INVALID_CHARS, "abc", 3, out, 8); }) ==
          ERROR_INVALID_FLAGS);
}

TEST_CASE("MultiByteToWideChar UTF-8: malformed bytes become U+FFFD, or fail with MB_ERR_INVALID_CHARS") {
    CHECK(to_wide(CP_UTF8, "h\xC3\xA9") == L"h\u00E9");
    CHECK(to_wide(CP_UTF8, "a\xFF" "b") == L"a\uFFFD" L"b");
    wchar_t out[8];
    CHECK(failure_of([&] { return MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xFF", 2, out, 8); }) ==
          ERROR_NO_UNICODE_TRANSLATION);
    CHECK(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "h\xC3\xA9", 3, out, 8) == 2);
}

TEST_CASE("MultiByteToWideChar UTF-8 beyond U+FFFF: one WCHAR on Linux, a surrogate pair on Windows") {
    const char* grin = "\xF0\x9F\x98\x80";
    CHECK(MultiByteToWideChar(CP_UTF8, 0, grin, 4, nullptr, 0) == (utf16 ? 2 : 1));
    wchar_t out[4] = {};
    REQUIRE(MultiByteToWideChar(CP_UTF8, 0, grin, 4, out, 4) == (utf16 ? 2 : 1));
    if (utf16) {
        CHECK(static_cast<unsigned>(out[0]) == 0xD83Du);
        CHECK(static_cast<unsigned>(out[1]) == 0xDE00u);
    } else {
        CHECK(static_cast<std::uint32_t>(out[0]) == 0x1F600u);
    }
    char back[8] = {};
    CHECK(WideCharToMultiByte(CP_UTF8, 0, out, utf16 ? 2 : 1, back, 8, nullptr, nullptr) == 4);
    CHECK(std::string(back) == grin);
}

TEST_CASE("WideCharToMultiByte 1252: the default character and lpUsedDefaultChar") {
    CHECK(to_bytes(1252, L"\u20AC\u00E9") == "\x80\xE9");
    char out[8] = {};
    BOOL used = FALSE;
    CHECK(WideCharToMultiByte(1252, 0, L"x\u4E2Dy", -1, out, 8, nullptr, &used) == 4);
    CHECK(std::string(out) == "x?y");
    CHECK(used == TRUE);
    CHECK(WideCharToMultiByte(1252, 0, L"x\u4E2Dy", -1, out, 8, "*", &used) == 4);
    CHECK(std::string(out) == "x*y");
    CHECK(WideCharToMultiByte(1252, 0, L"xy", -1, out, 8, "*", &used) == 3);
    CHECK(used == FALSE);
}

TEST_CASE("WideCharToMultiByte: sizes, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER, ERROR_INVALID_FLAGS") {
    char out[8];
    CHECK(WideCharToMultiByte(1252, 0, L"abc", -1, nullptr, 0, nullptr, nullptr) == 4);
    CHECK(WideCharToMultiByte(CP_UTF8, 0, L"\u00E9", 1, nullptr, 0, nullptr, nullptr) == 2);
    CHECK(failure_of([&] { return WideCharToMultiByte(1252, 0, L"abcdef", -1, out, 3, nullptr, nullptr); }) ==
          ERROR_INSUFFICIENT_BUFFER);
    CHECK(failure_of([&] { return WideCharToMultiByte(1252, 0, nullptr, 3, out, 8, nullptr, nullptr); }) ==
          ERROR_INVALID_PARAMETER);
    CHECK(failure_of([&] { return WideCharToMultiByte(CP_UTF7, WC_NO_BEST_FIT_CHARS, L"a", 1, out, 8, nullptr,
                                                      nullptr); }) == ERROR_INVALID_FLAGS);
}

TEST_CASE("WideCharToMultiByte: the UTF-8 and flag rules Microsoft documents") {
    platform_cases::skip_under_wine("Wine accepts these arguments");
    char out[8];
    BOOL used = FALSE;
    // "For CP_UTF7 and CP_UTF8 ... must be set to a null pointer": ERROR_INVALID_PARAMETER.
    CHECK(failure_of([&] { return WideCharToMultiByte(CP_UTF8, 0, L"abc", 3, out, 8, nullptr, &used); }) ==
          ERROR_INVALID_PARAMETER);
    // "For CP_UTF8, dwFlags must be set to either 0 or WC_ERR_INVALID_CHARS."
    CHECK(failure_of([&] { return WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, L"a", 1, out, 8, nullptr,
                                                      nullptr); }) == ERROR_INVALID_FLAGS);
    // WC_ERR_INVALID_CHARS "cannot be used with other code page values".
    CHECK(failure_of([&] { return WideCharToMultiByte(1252, WC_ERR_INVALID_CHARS, L"a", 1, out, 8, nullptr,
                                                      nullptr); }) == ERROR_INVALID_FLAGS);
}

TEST_CASE("WideCharToMultiByte UTF-8: a lone surrogate is U+FFFD, or fails with WC_ERR_INVALID_CHARS") {
    const wchar_t lone[] = {static_cast<wchar_t>(0xD800), L'a', 0};
    char out[8] = {};
    CHECK(WideCharToMultiByte(CP_UTF8, 0, lone, -1, out, 8, nullptr, nullptr) == 5);
    CHECK(std::string(out) == "\xEF\xBF\xBD" "a");
    CHECK(failure_of([&] { return WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, -1, out, 8, nullptr,
                                                      nullptr); }) == ERROR_NO_UNICODE_TRANSLATION);
}

TEST_CASE("Code page 437 and CP_OEMCP: box drawing and accented letters") {
    CHECK(GetOEMCP() == 437u);
    CHECK(to_wide(437, "\x80\xB0\xE1") == L"\u00C7\u2591\u00DF");
    CHECK(to_bytes(437, L"\u00C7\u2591\u00DF") == "\x80\xB0\xE1");
    CHECK(to_wide(CP_OEMCP, "\x80") == L"\u00C7");
}

TEST_CASE("CP_UTF7: direct characters, '+' as \"+-\", base64 runs closed by '-'") {
    CHECK(to_bytes(CP_UTF7, L"A\u2262\u0391.") == "A+ImIDkQ-.");  // Windows always closes a run with '-'
    CHECK(to_bytes(CP_UTF7, L"\u00E4") == "+AOQ-");
    CHECK(to_bytes(CP_UTF7, L"1+1") == "1+-1");
    CHECK(to_wide(CP_UTF7, "+AGEAYgBj-") == L"abc");
    CHECK(to_wide(CP_UTF7, "A+ImIDkQ.") == L"A\u2262\u0391.");  // RFC 2152's example, without the '-'
    CHECK(to_bytes(CP_UTF7, L"!#;") == "+ACEAIwA7-");
}

TEST_CASE("CP_ACP converts as the ANSI code page GetACP names") {
    CHECK(to_wide(CP_ACP, "\x80\xE9") == to_wide(GetACP(), "\x80\xE9"));
    CHECK(rasshost::ansi_code_page() == GetACP());
}

// The emulation's ANSI code page is a setting; Windows' belongs to the system.
TEST_CASE("set_ansi_code_page chooses CP_ACP: 437, UTF-8, back to 1252, and no other" *
          platform_cases::posix_emulation_only) {
    REQUIRE(rasshost::set_ansi_code_page(437));
    CHECK(GetACP() == 437u);
    CHECK(to_wide(CP_ACP, "\x80") == L"\u00C7");
    REQUIRE(rasshost::set_ansi_code_page(65001));
    CHECK(to_wide(CP_ACP, "\xC3\xA9") == L"\u00E9");
    CHECK_FALSE(rasshost::set_ansi_code_page(850));
    CHECK(GetACP() == 65001u);
    REQUIRE(rasshost::set_ansi_code_page(1252));
    CHECK(to_wide(CP_ACP, "\x80") == L"\u20AC");
}

TEST_CASE("CharUpperA and CharLowerA in code page 1252, strings and single characters") {
    REQUIRE(GetACP() == 1252u);
    char text[] = "abc\xE9\xFF\xDF\x9A";
    CHECK(CharUpperA(text) == text);
    CHECK(std::string(text) == "ABC\xC9\x9F\xDF\x8A");  // ÿ -> Ÿ, š -> Š, ß has no capital here
    CHECK(CharLowerA(text) == text);
    CHECK(std::string(text) == "abc\xE9\xFF\xDF\x9A");
    const auto upper = reinterpret_cast<std::uintptr_t>(CharUpperA(reinterpret_cast<LPSTR>(std::uintptr_t{'q'})));
    CHECK(upper == 'Q');
    const auto lower = reinterpret_cast<std::uintptr_t>(CharLowerA(reinterpret_cast<LPSTR>(std::uintptr_t{0xC9})));
    CHECK(lower == 0xE9);
}

TEST_CASE("CharUpperBuffA and CharLowerBuffA convert exactly cchLength bytes") {
    char text[] = "ABCDEF";
    CHECK(CharLowerBuffA(text, 3) == 3);
    CHECK(std::string(text) == "abcDEF");
    CHECK(CharUpperBuffA(text, 6) == 6);
    CHECK(std::string(text) == "ABCDEF");
}

TEST_CASE("CharNextA stops at the NUL, CharPrevA at the start") {
    const char* text = "ab";
    CHECK(CharNextA(text) == text + 1);
    CHECK(CharNextA(text + 2) == text + 2);
    CHECK(CharPrevA(text, text + 2) == text + 1);
    CHECK(CharPrevA(text, text) == text);
}

TEST_CASE("IsCharAlphaA, IsCharAlphaNumericA, IsCharUpperA, IsCharLowerA in code page 1252") {
    REQUIRE(GetACP() == 1252u);
    CHECK(IsCharAlphaA('a'));
    CHECK(IsCharAlphaA('\xC9'));
    CHECK_FALSE(IsCharAlphaA('1'));
    CHECK_FALSE(IsCharAlphaA('\xD7'));  // the multiplication sign
    CHECK(IsCharAlphaNumericA('1'));
    CHECK_FALSE(IsCharAlphaNumericA('-'));
    CHECK(IsCharUpperA('\xC9'));
    CHECK_FALSE(IsCharUpperA('\xE9'));
    CHECK(IsCharLowerA('\xE9'));
    CHECK_FALSE(IsCharLowerA('A'));
}

namespace {
int format_with_list(char* out, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int n = wvsprintfA(out, format, args);
    va_end(args);
    return n;
}
}  // namespace

TEST_CASE("wvsprintfA formats from a va_list as wsprintfA does") {
    char out[1024];
    CHECK(format_with_list(out, "%s=%lu (%04X)", "id", DWORD{4000000000u}, 0xBEEFu) == 20);
    CHECK(std::string(out) == "id=4000000000 (BEEF)");
}
