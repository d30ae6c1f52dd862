// The lstr* family: copy, bounded copy, concatenation, length and
// comparison with Win32's NULL handling (a NULL pointer is caught and
// reported, never a crash).
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <cstring>
#include <initializer_list>
#include "support/platform_cases.hpp"

TEST_CASE("lstrcpyA copies and returns the destination") {
    char buffer[16] = "xxxxxxxxxxxxxxx";
    CHECK(lstrcpyA(buffer, "hello") == buffer);
    CHECK(std::strcmp(buffer, "hello") == 0);
    CHECK(lstrcpyA(buffer, "") == buffer);
    CHECK(buffer[0] == '\0');
}

TEST_CASE("lstrcpyA / lstrcatA with a NULL pointer return NULL + ERROR_INVALID_PARAMETER (Windows catches the fault)") {
    char buffer[8] = "abc";
    SetLastError(NO_ERROR);
    CHECK(lstrcpyA(nullptr, "x") == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(lstrcpyA(buffer, nullptr) == nullptr);
    CHECK(lstrcatA(nullptr, "x") == nullptr);
    SetLastError(NO_ERROR);
    CHECK(lstrcatA(buffer, nullptr) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(std::strcmp(buffer, "abc") == 0);
}

TEST_CASE("lstrcpynA copies at most iMaxLength-1 characters and always terminates") {
    char buffer[16];
    std::memset(buffer, 'x', sizeof buffer);
    CHECK(lstrcpynA(buffer, "abcdefghijklmnop", 4) == buffer);  // the documented example
    CHECK(std::strcmp(buffer, "abc") == 0);
    CHECK(buffer[4] == 'x');
    CHECK(lstrcpynA(buffer, "ab", 10) == buffer);
    CHECK(std::strcmp(buffer, "ab") == 0);
    CHECK(lstrcpynA(buffer, "abc", 1) == buffer);
    CHECK(buffer[0] == '\0');
}

TEST_CASE("lstrcpynA with iMaxLength 0 writes nothing and returns lpString1 (Windows, per Wine)") {
    char buffer[4] = "xyz";
    CHECK(lstrcpynA(buffer, "abc", 0) == buffer);
    CHECK(std::strcmp(buffer, "xyz") == 0);
    CHECK(lstrcpynA(nullptr, "abc", 0) == nullptr);
}

TEST_CASE("lstrcpynA with a negative iMaxLength copies without limit (Windows treats it as unsigned)") {
    char buffer[16];
    CHECK(lstrcpynA(buffer, "whole string", -1) == buffer);
    CHECK(std::strcmp(buffer, "whole string") == 0);
}

TEST_CASE("lstrcpynA with a NULL pointer it must touch: NULL + ERROR_INVALID_PARAMETER") {
    char buffer[8] = "abc";
    SetLastError(NO_ERROR);
    CHECK(lstrcpynA(nullptr, "abc", 4) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    CHECK(lstrcpynA(buffer, nullptr, 4) == nullptr);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("lstrcatA appends and returns the destination") {
    char buffer[16] = "user";
    CHECK(lstrcatA(buffer, "name") == buffer);
    CHECK(std::strcmp(buffer, "username") == 0);
    CHECK(lstrcatA(buffer, "") == buffer);
    CHECK(std::strcmp(buffer, "username") == 0);
}

TEST_CASE("lstrlenA counts characters, NULL gives 0") {
    CHECK(lstrlenA("password") == 8);
    CHECK(lstrlenA("") == 0);
    CHECK(lstrlenA(nullptr) == 0);
}

TEST_CASE("lstrcmpA returns -1/0/1 in byte order" * platform_cases::posix_emulation_only) {
    CHECK(lstrcmpA("abc", "abc") == 0);
    CHECK(lstrcmpA("abc", "abd") == -1);
    CHECK(lstrcmpA("abd", "abc") == 1);
    CHECK(lstrcmpA("ab", "abc") == -1);
    CHECK(lstrcmpA("abc", "ab") == 1);
    CHECK(lstrcmpA("abc", "ABC") == 1);
    CHECK(lstrcmpA("\xE9", "z") == 1);  // bytes compare unsigned
}

TEST_CASE("lstrcmpiA folds ASCII case and returns -1/0/1") {
    CHECK(lstrcmpiA("Administrator", "aDMINISTRATOR") == 0);
    CHECK(lstrcmpiA("abc", "ABD") == -1);
    CHECK(lstrcmpiA("ABD", "abc") == 1);
    CHECK(lstrcmpiA("a_", "aZ") == -1);  // folds to lower case, as Windows' sort puts '_' before letters
}

TEST_CASE("lstrcmpA / lstrcmpiA: NULL sorts before every string, two NULLs are equal (Windows, per Wine)") {
    CHECK(lstrcmpA(nullptr, nullptr) == 0);
    CHECK(lstrcmpA(nullptr, "") == -1);
    CHECK(lstrcmpA("", nullptr) == 1);
    CHECK(lstrcmpiA(nullptr, nullptr) == 0);
    CHECK(lstrcmpiA(nullptr, "a") == -1);
    CHECK(lstrcmpiA("a", nullptr) == 1);
}
