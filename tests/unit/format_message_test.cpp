// FormatMessageA/W: inserts from an argument array and from a va_list,
// printf specs, escapes, IGNORE_INSERTS, the line-width rules, the buffer
// rules, and the system texts of the error codes the library returns.
#include <doctest/doctest.h>
#include <rasshost/raserror.h>
#include <rasshost/win32.h>

#include <cstdarg>
#include <cstdint>
#include <string>
#include "support/platform_cases.hpp"

namespace {

std::string from_string(const char* format, const DWORD_PTR* args, DWORD flags = 0) {
    char out[512] = {};
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY | flags, format, 0, 0,
                                   out, sizeof out, reinterpret_cast<va_list*>(const_cast<DWORD_PTR*>(args)));
    CHECK(n == std::string(out).size());
    return std::string(out, n);
}

std::string from_list(const char* format, ...) {
    char out[512] = {};
    va_list args;
    va_start(args, format);
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, format, 0, 0, out, sizeof out, &args);
    va_end(args);
    return std::string(out, n);
}

std::string system_text(DWORD id, DWORD flags = 0) {
    char out[512] = {};
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | flags, nullptr, id,
                                   MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), out, sizeof out, nullptr);
    return std::string(out, n);
}

DWORD_PTR arg(const void* p) { return reinterpret_cast<DWORD_PTR>(p); }

}  // namespace

TEST_CASE("FormatMessageA: %1 and %2!d! from an argument array, %n is CRLF") {
    const DWORD_PTR args[] = {arg("Bob"), 5};
    CHECK(from_string("Hello %1, you have %2!d! messages%n", args) == "Hello Bob, you have 5 messages\r\n");
}

TEST_CASE("FormatMessageA: inserts from a va_list, in any order") {
    CHECK(from_list("%2 before %1", "one", "two") == "two before one");
    CHECK(from_list("%1!lu! %2!08lX! %3!s!", DWORD{4000000000u}, DWORD{0xBEEF}, "end") == "4000000000 0000BEEF end");
    CHECK(from_list("%1!I64u!", ULONGLONG{18446744073709551615ull}) == "18446744073709551615");
}

TEST_CASE("FormatMessageA: printf specs for width, precision, '*' and characters") {
    const DWORD_PTR args[] = {8, 3, arg("abcdef")};
    CHECK(from_string("[%1!*.*s!]", args) == "[     abc]");
    const DWORD_PTR numbers[] = {42, static_cast<DWORD_PTR>(static_cast<DWORD>(-7)), 'Z'};
    CHECK(from_string("[%1!-5d!][%2!d!][%3!c!][%1!x!]", numbers) == "[42   ][-7][Z][2a]");
}

TEST_CASE("FormatMessageA: %0 ends the message, %% %t %r %. %! and '% ' are characters") {
    const DWORD_PTR none[] = {0};
    CHECK(from_string("100%% done%0 not shown", none) == "100% done");
    CHECK(from_string("a%tb%rc%.%!% d", none) == "a\tb\rc.! d");
}

TEST_CASE("FormatMessageA: a line break in the text becomes CRLF") {
    const DWORD_PTR none[] = {0};
    CHECK(from_string("one\ntwo\r\nthree", none) == "one\r\ntwo\r\nthree");
}

TEST_CASE("FormatMessageA: IGNORE_INSERTS passes inserts through unchanged") {
    char out[64] = {};
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "test%1%2!*.*s!%%%0",
                                   0, 0, out, sizeof out, nullptr);
    CHECK(std::string(out, n) == "test%1%2!*.*s!%%");
}

TEST_CASE("FormatMessageA: MAX_WIDTH_MASK turns text line breaks into spaces and keeps %n") {
    const DWORD_PTR none[] = {0};
    CHECK(from_string("line one\nline two%nend", none, FORMAT_MESSAGE_MAX_WIDTH_MASK) == "line one line two\r\nend");
}

TEST_CASE("FormatMessageA: a maximum width wraps lines at spaces") {
    platform_cases::skip_under_wine("Wine does not wrap lines at the width MAX_WIDTH_MASK gives");
    const DWORD_PTR none[] = {0};
    CHECK(from_string("aaaa bbbb cccc dddd", none, 10) == "aaaa bbbb\r\ncccc dddd");
}

TEST_CASE("FormatMessageA: nSize counts the NUL, ERROR_INSUFFICIENT_BUFFER below it") {
    char out[8] = {};
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "abcdefg", 0, 0, out, 8, nullptr) == 7);
    CHECK(std::string(out) == "abcdefg");
    SetLastError(0);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "abcdefgh", 0, 0, out, 8, nullptr) == 0);
    CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER);
}

TEST_CASE("FormatMessageA: an empty result is 0 with ERROR_NO_WORK_DONE, and allocates nothing") {
    char* text = nullptr;
    SetLastError(0);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, "%0 unseen", 0, 0,
                         reinterpret_cast<LPSTR>(&text), 0, nullptr) == 0);
    CHECK(GetLastError() == 235u);  // ERROR_NO_WORK_DONE, which mingw-w64's winerror.h lacks
    CHECK(text == nullptr);
}

TEST_CASE("FormatMessageA: ALLOCATE_BUFFER returns LocalAlloc memory that LocalFree frees") {
    char* text = nullptr;
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, "allocated", 0, 0,
                                   reinterpret_cast<LPSTR>(&text), 0, nullptr);
    REQUIRE(text != nullptr);
    CHECK(n == 9);
    CHECK(std::string(text) == "allocated");
    CHECK(LocalFree(text) == nullptr);
}

TEST_CASE("FormatMessageW: wide inserts with s, narrow with S") {
    const DWORD_PTR args[] = {arg(L"wide"), arg("narrow")};
    wchar_t out[64] = {};
    const DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"%1 and %2!S!", 0, 0,
                                   out, 64, reinterpret_cast<va_list*>(const_cast<DWORD_PTR*>(args)));
    CHECK(n == 15);
    CHECK(std::wstring(out) == L"wide and narrow");
}

TEST_CASE("FROM_SYSTEM: the Win32 codes the library returns have texts ending in CRLF") {
    const DWORD ids[] = {ERROR_SUCCESS, ERROR_INVALID_FUNCTION, ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND,
                         ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_NOT_ENOUGH_MEMORY, ERROR_OUTOFMEMORY,
                         ERROR_NOT_SUPPORTED, ERROR_INVALID_PARAMETER, ERROR_INSUFFICIENT_BUFFER, ERROR_MOD_NOT_FOUND,
                         ERROR_PROC_NOT_FOUND, ERROR_ALREADY_EXISTS, ERROR_MORE_DATA,
                         ERROR_NO_MORE_ITEMS, ERROR_NOT_OWNER, ERROR_TOO_MANY_POSTS, ERROR_NOACCESS,
                         ERROR_INVALID_FLAGS, ERROR_NO_UNICODE_TRANSLATION, ERROR_DLL_INIT_FAILED,
                         ERROR_LOGON_FAILURE, ERROR_TIMEOUT};
    for (const DWORD id : ids) {
        CAPTURE(id);
        const std::string text = system_text(id);
        REQUIRE(text.size() > 2);
        CHECK(text.substr(text.size() - 2) == "\r\n");
    }
}

TEST_CASE("FROM_SYSTEM: Windows' English texts") {
    // Wine says "File not found.", "Not enough memory.", "Logon failure." and has no text for WAIT_TIMEOUT.
    platform_cases::skip_under_wine("Wine's message texts are its own wording");
    CHECK(system_text(ERROR_FILE_NOT_FOUND) == "The system cannot find the file specified.\r\n");
    CHECK(system_text(ERROR_ACCESS_DENIED) == "Access is denied.\r\n");
    CHECK(system_text(ERROR_INVALID_HANDLE) == "The handle is invalid.\r\n");
    CHECK(system_text(ERROR_INVALID_PARAMETER) == "The parameter is incorrect.\r\n");
    CHECK(system_text(ERROR_INSUFFICIENT_BUFFER) == "The data area passed to a system call is too small.\r\n");
    CHECK(system_text(WAIT_TIMEOUT) == "The wait operation timed out.\r\n");
    CHECK(system_text(ERROR_LOGON_FAILURE) == "The user name or password is incorrect.\r\n");
}

TEST_CASE("FROM_SYSTEM with MAX_WIDTH_MASK: the trailing CRLF becomes a space") {
    CHECK(system_text(ERROR_SUCCESS, FORMAT_MESSAGE_MAX_WIDTH_MASK).back() == ' ');
}

TEST_CASE("FROM_SYSTEM: an unknown id is ERROR_MR_MID_NOT_FOUND") {
    SetLastError(0);
    CHECK(system_text(0x2000ABCDu).empty());
    CHECK(GetLastError() == ERROR_MR_MID_NOT_FOUND);
    const std::string text = system_text(ERROR_MR_MID_NOT_FOUND, FORMAT_MESSAGE_IGNORE_INSERTS);
    CHECK(text.find("%1") != std::string::npos);
}

// On Windows the RAS texts come from mprmsg.dll; the emulation's system
// table carries them, so FROM_SYSTEM finds them there.
TEST_CASE("FROM_SYSTEM: the RAS codes' texts end with %0, without a line break" *
          platform_cases::posix_emulation_only) {
    CHECK(system_text(ERROR_AUTHENTICATION_FAILURE) ==
          "Access denied because username and/or password is invalid on the domain.");
    CHECK(system_text(ERROR_ACCT_DISABLED) == "The account is disabled.");
    CHECK(system_text(PENDING) == "An operation is pending.");
}

// Windows would fault on these; the emulation refuses them.
TEST_CASE("FormatMessageA refuses a NULL buffer, a NULL format, an insert without arguments" *
          platform_cases::posix_emulation_only) {
    char out[16];
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "x", 0, 0, nullptr, 16, nullptr) == 0);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, nullptr, 0, 0, out, 16, nullptr) == 0);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "%1", 0, 0, out, 16, nullptr) == 0);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, nullptr, 2, MAKELANGID(0x0C, 1), out, 16, nullptr) == 0);
    CHECK(GetLastError() == ERROR_RESOURCE_LANG_NOT_FOUND);
}
