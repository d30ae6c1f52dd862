// strsafe.h: StringCch/StringCb Copy, CopyN, Cat, CatN, Printf, VPrintf and
// Length with the SDK's results -- S_OK, truncation to a terminated
// prefix with STRSAFE_E_INSUFFICIENT_BUFFER, STRSAFE_E_INVALID_PARAMETER for
// a zero or oversized destination and for an unterminated string.
#include <doctest/doctest.h>

#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <cwchar>
#include <string>

// The SDK's strsafe.h redefines strcpy and friends to break their callers
// unless told not to; this file calls std::strcpy.
#define STRSAFE_NO_DEPRECATE
#include <rasshost/win32.h>
#include <rasshost/strsafe.h>

namespace {

HRESULT vprintf_into(char* dest, size_t cch, const char* format, ...) {
    va_list args;
    va_start(args, format);
    const HRESULT hr = StringCchVPrintfA(dest, cch, format, args);
    va_end(args);
    return hr;
}

}  // namespace

TEST_CASE("the strsafe codes have the SDK's values") {
    CHECK(static_cast<std::uint32_t>(STRSAFE_E_INSUFFICIENT_BUFFER) == 0x8007007Au);
    CHECK(static_cast<std::uint32_t>(STRSAFE_E_INVALID_PARAMETER) == 0x80070057u);
    CHECK(S_OK == 0);
    CHECK(SUCCEEDED(S_OK));
    CHECK(FAILED(STRSAFE_E_INSUFFICIENT_BUFFER));
    CHECK(STRSAFE_MAX_CCH == 2147483647);
}

TEST_CASE("StringCchCopyA copies what fits, and truncates to a terminated prefix otherwise") {
    char buffer[6];
    CHECK(StringCchCopyA(buffer, sizeof buffer, "abc") == S_OK);
    CHECK(std::string(buffer) == "abc");
    CHECK(StringCchCopyA(buffer, sizeof buffer, "abcde") == S_OK);  // exactly fits with its NUL
    CHECK(std::string(buffer) == "abcde");
    CHECK(StringCchCopyA(buffer, sizeof buffer, "abcdef") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "abcde");
    CHECK(StringCchCopyA(buffer, 1, "x") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(buffer[0] == '\0');
    CHECK(StringCbCopyA(buffer, sizeof buffer, "0123456789") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "01234");
}

TEST_CASE("a destination of zero characters, or more than STRSAFE_MAX_CCH, is an invalid parameter left untouched") {
    char buffer[4] = "old";
    CHECK(StringCchCopyA(buffer, 0, "x") == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCchCopyA(buffer, static_cast<size_t>(STRSAFE_MAX_CCH) + 1, "x") == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCchCatA(buffer, 0, "x") == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCchPrintfA(buffer, 0, "%d", 1) == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCbCopyA(buffer, 0, "x") == STRSAFE_E_INVALID_PARAMETER);
    CHECK(std::string(buffer) == "old");
}

TEST_CASE("StringCchCopyNA copies at most the count, within the destination") {
    char buffer[6];
    CHECK(StringCchCopyNA(buffer, sizeof buffer, "abcdef", 3) == S_OK);
    CHECK(std::string(buffer) == "abc");
    CHECK(StringCchCopyNA(buffer, sizeof buffer, "ab", 10) == S_OK);
    CHECK(std::string(buffer) == "ab");
    CHECK(StringCchCopyNA(buffer, sizeof buffer, "abcdefgh", 7) == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "abcde");
    CHECK(StringCbCopyNA(buffer, sizeof buffer, "xyz", 2) == S_OK);
    CHECK(std::string(buffer) == "xy");
}

TEST_CASE("StringCchCatA and StringCchCatNA append, truncate, and refuse an unterminated destination") {
    char buffer[8] = "abc";
    CHECK(StringCchCatA(buffer, sizeof buffer, "de") == S_OK);
    CHECK(std::string(buffer) == "abcde");
    CHECK(StringCchCatA(buffer, sizeof buffer, "fghij") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "abcdefg");
    std::strcpy(buffer, "ab");
    CHECK(StringCchCatNA(buffer, sizeof buffer, "cdefgh", 2) == S_OK);
    CHECK(std::string(buffer) == "abcd");
    CHECK(StringCbCatNA(buffer, sizeof buffer, "efghij", 10) == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "abcdefg");
    CHECK(StringCbCatA(buffer, sizeof buffer, "") == S_OK);

    char unterminated[4] = {'a', 'b', 'c', 'd'};
    CHECK(StringCchCatA(unterminated, sizeof unterminated, "x") == STRSAFE_E_INVALID_PARAMETER);
    CHECK(std::memcmp(unterminated, "abcd", 4) == 0);
}

TEST_CASE("StringCchPrintfA and StringCchVPrintfA format, and truncate to a terminated prefix") {
    char buffer[8];
    CHECK(StringCchPrintfA(buffer, sizeof buffer, "%d-%s", 42, "ab") == S_OK);
    CHECK(std::string(buffer) == "42-ab");
    CHECK(StringCchPrintfA(buffer, sizeof buffer, "%s", "1234567") == S_OK);  // exactly fits
    CHECK(std::string(buffer) == "1234567");
    CHECK(StringCchPrintfA(buffer, sizeof buffer, "%s", "12345678") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "1234567");
    CHECK(StringCbPrintfA(buffer, 4, "%x", 0xABCDEu) == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "abc");
    CHECK(vprintf_into(buffer, sizeof buffer, "%c%c%u", 'o', 'k', 7u) == S_OK);
    CHECK(std::string(buffer) == "ok7");
    CHECK(vprintf_into(buffer, 3, "%s", "long") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::string(buffer) == "lo");
}

TEST_CASE("StringCchLengthA gives the length, or fails for NULL and an unterminated string") {
    size_t length = 99;
    CHECK(StringCchLengthA("abc", 10, &length) == S_OK);
    CHECK(length == 3);
    CHECK(StringCchLengthA("abc", 4, &length) == S_OK);
    CHECK(length == 3);
    length = 99;
    CHECK(StringCchLengthA("abc", 3, &length) == STRSAFE_E_INVALID_PARAMETER);
    CHECK(length == 0);
    CHECK(StringCchLengthA(nullptr, 10, &length) == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCchLengthA("abc", 10, nullptr) == S_OK);
    CHECK(StringCbLengthA("abcd", 5, &length) == S_OK);
    CHECK(length == 4);
}

TEST_CASE("the W forms work on wide strings, sizes in characters or bytes") {
    wchar_t buffer[6];
    CHECK(StringCchCopyW(buffer, 6, L"abc") == S_OK);
    CHECK(std::wstring(buffer) == L"abc");
    CHECK(StringCchCatW(buffer, 6, L"defg") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::wstring(buffer) == L"abcde");
    CHECK(StringCbCopyW(buffer, 3 * sizeof(wchar_t), L"xyz") == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(std::wstring(buffer) == L"xy");
    CHECK(StringCchCopyNW(buffer, 6, L"12345", 2) == S_OK);
    CHECK(StringCchCatNW(buffer, 6, L"345", 1) == S_OK);
    CHECK(std::wstring(buffer) == L"123");
    size_t length = 0;
    CHECK(StringCchLengthW(buffer, 6, &length) == S_OK);
    CHECK(length == 3);
    CHECK(StringCbLengthW(buffer, sizeof buffer, &length) == S_OK);
    CHECK(length == 3 * sizeof(wchar_t));
}
