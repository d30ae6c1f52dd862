// The Microsoft CRT's extensions legacy code calls, from the headers the CRT
// declares them in (string.h, stdlib.h, stdio.h, process.h; rasshost::compat
// on POSIX, the real msvcrt with mingw-w64), and the SDK's word macros.
// The CRT's invalid-parameter cases end the process on Windows: they are the
// emulation's own (EINVAL or ERANGE and an empty destination).
#include <doctest/doctest.h>
#include <errno.h>
#include <limits.h>
#include <process.h>
#include <rasshost/win32.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>
#include "support/platform_cases.hpp"

TEST_CASE("_stricmp and _strnicmp ignore ASCII case") {
    CHECK(_stricmp("Hello", "hELLO") == 0);
    CHECK(_stricmp("apple", "Banana") < 0);
    CHECK(_stricmp("Banana", "apple") > 0);
    CHECK(_stricmp("abc", "ABCD") < 0);
    CHECK(_strnicmp("abcX", "ABCy", 3) == 0);
    CHECK(_strnicmp("abcX", "ABCy", 4) < 0);
}

TEST_CASE("_strdup copies into memory free releases") {
    char* copy = _strdup("secret");
    REQUIRE(copy != nullptr);
    CHECK(std::string(copy) == "secret");
    free(copy);
}

TEST_CASE("_strupr and _strlwr change ASCII letters in place") {
    char text[] = "MiXeD 123";
    CHECK(_strupr(text) == text);
    CHECK(std::string(text) == "MIXED 123");
    CHECK(_strlwr(text) == text);
    CHECK(std::string(text) == "mixed 123");
}

TEST_CASE("_snprintf: the length when it fits, count characters and -1 without a terminator when not") {
    char out[8];
    memset(out, '#', sizeof out);
    CHECK(_snprintf(out, 8, "%s", "abcde") == 5);
    CHECK(std::string(out) == "abcde");
    memset(out, '#', sizeof out);
    CHECK(_snprintf(out, 5, "%s", "abcde") == 5);  // exactly count: no room for the NUL
    CHECK(std::string(out, 6) == "abcde#");
    memset(out, '#', sizeof out);
    CHECK(_snprintf(out, 4, "%d", 123456) == -1);
    CHECK(std::string(out, 5) == "1234#");
}

TEST_CASE("_itoa, _ltoa, _ultoa in radix 2 to 36, two's complement outside radix 10") {
    char out[40];
    CHECK(std::string(_itoa(-255, out, 10)) == "-255");
    CHECK(std::string(_itoa(-1, out, 16)) == "ffffffff");
    CHECK(std::string(_itoa(255, out, 2)) == "11111111");
    CHECK(std::string(_itoa(35, out, 36)) == "z");
    CHECK(std::string(_ltoa(-1L, out, 16)) == "ffffffff");  // long is 32 bits on Windows
    CHECK(std::string(_ltoa(-42L, out, 10)) == "-42");
    CHECK(std::string(_ultoa(4000000000UL, out, 36)) == "1u5hvr4");
    CHECK(std::string(_ultoa(0UL, out, 8)) == "0");
}

TEST_CASE("strcpy_s, strncpy_s and strcat_s when the text fits") {
    char out[8];
    CHECK(strcpy_s(out, sizeof out, "abc") == 0);
    CHECK(std::string(out) == "abc");
    CHECK(strcat_s(out, sizeof out, "defg") == 0);
    CHECK(std::string(out) == "abcdefg");
    CHECK(strncpy_s(out, sizeof out, "wxyz", 2) == 0);
    CHECK(std::string(out) == "wx");
    CHECK(strncpy_s(out, 4, "truncated", _TRUNCATE) == STRUNCATE);
    CHECK(std::string(out) == "tru");
}

TEST_CASE("sprintf_s and _snprintf_s, with _TRUNCATE and a count below the size") {
    char out[8];
    CHECK(sprintf_s(out, sizeof out, "%d-%s", 42, "ok") == 5);
    CHECK(std::string(out) == "42-ok");
    CHECK(_snprintf_s(out, sizeof out, _TRUNCATE, "%s", "abcdefghij") == -1);
    CHECK(std::string(out) == "abcdefg");
    CHECK(_snprintf_s(out, sizeof out, _TRUNCATE, "%s", "abc") == 3);
    CHECK(_snprintf_s(out, sizeof out, 3, "%s", "abcdef") == -1);
    CHECK(std::string(out) == "abc");
}

TEST_CASE("_countof and _getpid") {
    int numbers[17];
    char letters[5];
    CHECK(_countof(numbers) == 17);
    CHECK(_countof(letters) == 5);
    CHECK(static_cast<DWORD>(_getpid()) == GetCurrentProcessId());
}

TEST_CASE("LOWORD, HIWORD, LOBYTE, HIBYTE, MAKEWORD, MAKELONG, MAKELANGID, SUCCEEDED, FAILED") {
    CHECK(LOWORD(0x12345678u) == 0x5678);
    CHECK(HIWORD(0x12345678u) == 0x1234);
    CHECK(LOBYTE(0x1234) == 0x34);
    CHECK(HIBYTE(0x1234) == 0x12);
    CHECK(MAKEWORD(0x34, 0x12) == 0x1234);
    CHECK(MAKELONG(0x5678, 0x1234) == 0x12345678);
    CHECK(MAKELONG(0xFFFF, 0xFFFF) == -1);
    CHECK(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US) == 0x0409);
    CHECK(MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT) == 0x0400);
    CHECK(SUCCEEDED(S_OK));
    CHECK(FAILED(static_cast<HRESULT>(0x80004005L)));
    int unused = 0;  // not const: mingw-w64 defines the macro as a self-assignment
    UNREFERENCED_PARAMETER(unused);
}

// On Windows the CRT's invalid-parameter handler ends the process here.
TEST_CASE("the emulation's invalid-parameter answers: EINVAL or ERANGE and an empty destination" *
          platform_cases::posix_emulation_only) {
    char out[4] = "xyz";
    CHECK(strcpy_s(out, sizeof out, "toolong") == ERANGE);
    CHECK(out[0] == '\0');
    CHECK(strcpy_s(nullptr, 4, "a") == EINVAL);
    CHECK(strcpy_s(out, sizeof out, nullptr) == EINVAL);
    CHECK(strncpy_s(out, sizeof out, "abcdef", 5) == ERANGE);
    strcpy_s(out, sizeof out, "ab");
    CHECK(strcat_s(out, sizeof out, "cd") == ERANGE);
    CHECK(out[0] == '\0');
    errno = 0;
    CHECK(sprintf_s(out, sizeof out, "%s", "toolong") == -1);
    CHECK(errno == ERANGE);
    CHECK(out[0] == '\0');
    char digits[8] = "x";
    CHECK(std::string(_itoa(5, digits, 1)) == "");
    CHECK(errno == EINVAL);
    CHECK(_stricmp(nullptr, "a") == INT_MAX);
}
