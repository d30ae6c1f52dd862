// The ANSI code page every ...A call converts with: Windows-1252 by default, with the
// five bytes it leaves undefined kept as the C1 controls, as Windows does.
#include <doctest/doctest.h>

#include <rasshost/code_page.hpp>
#include <rasshost/win32.h>

#include <string>

#include "posix/win32/text/ansi_code_page.hpp"

using namespace rasshost::posix;

TEST_CASE("ASCII and Latin-1 bytes are their own code points") {
    CHECK(ansi_to_wide("Abc\xE9") == L"Abc\u00E9");
    CHECK(wide_to_ansi(L"Abc\u00E9") == "Abc\xE9");
}

TEST_CASE("0x80..0x9F follow Windows-1252, undefined bytes become C1 controls") {
    CHECK(ansi_to_wide("\x80\x81\x9F") == L"\u20AC\u0081\u0178");
    CHECK(wide_to_ansi(L"\u20AC\u0081\u0178") == "\x80\x81\x9F");
}

TEST_CASE("every byte survives a round trip through wide and through UTF-8") {
    std::string all;
    for (int b = 1; b < 256; ++b) all += static_cast<char>(b);
    CHECK(wide_to_ansi(ansi_to_wide(all)) == all);
    CHECK(utf8_to_ansi(ansi_to_utf8(all)) == all);
}

TEST_CASE("characters 1252 lacks, and malformed UTF-8, become '?'") {
    CHECK(wide_to_ansi(L"x\u4E2Dy") == "x?y");
    CHECK(utf8_to_ansi("a\xE4\xB8\xAD" "b") == "a?b");
    CHECK(utf8_to_ansi("a\xC3" "b\xFF") == "a?b?");
    CHECK(ansi_to_utf8("\xE9") == "\xC3\xA9");
}

TEST_CASE("the chosen code page: 437 converts its own way, UTF-8 passes bytes through, 1252 again after") {
    REQUIRE(rasshost::set_ansi_code_page(437));
    CHECK(ansi_code_page() == 437u);
    CHECK(ansi_to_wide("\x80\xB0") == L"\u00C7\u2591");
    CHECK(wide_to_ansi(L"\u00C7\u20AC") == "\x80?");  // 437 has no euro sign
    CHECK(ansi_to_utf8("\x80") == "\xC3\x87");
    REQUIRE(rasshost::set_ansi_code_page(65001));
    CHECK(ansi_to_wide("h\xC3\xA9") == L"h\u00E9");
    CHECK(wide_to_ansi(L"h\u00E9") == "h\xC3\xA9");
    CHECK(ansi_to_utf8("h\xC3\xA9") == "h\xC3\xA9");
    CHECK(utf8_to_ansi("h\xC3\xA9") == "h\xC3\xA9");
    CHECK_FALSE(rasshost::set_ansi_code_page(1251));
    REQUIRE(rasshost::set_ansi_code_page(1252));
    CHECK(ansi_to_wide("\x80") == L"\u20AC");
}

TEST_CASE("a registry string read in the A form follows the code page chosen since the last read") {
    HKEY key = nullptr;
    REQUIRE(RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\rasshost-code-page-test", 0, nullptr, REG_OPTION_VOLATILE,
                            KEY_ALL_ACCESS, nullptr, &key, nullptr) == ERROR_SUCCESS);
    const wchar_t text[] = L"h\u00E9";
    REQUIRE(RegSetValueExW(key, L"Greeting", 0, REG_SZ, reinterpret_cast<const BYTE*>(text), sizeof text) ==
            ERROR_SUCCESS);
    const auto read = [&] {
        char buffer[16] = {};
        DWORD size = sizeof buffer;
        REQUIRE(RegQueryValueExA(key, "greeting", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), &size) ==
                ERROR_SUCCESS);
        return std::string(buffer);
    };
    CHECK(read() == "h\xE9");
    REQUIRE(rasshost::set_ansi_code_page(65001));
    CHECK(read() == "h\xC3\xA9");
    REQUIRE(rasshost::set_ansi_code_page(1252));
    CHECK(read() == "h\xE9");
    RegCloseKey(key);
    RegDeleteKeyA(HKEY_CURRENT_USER, "Software\\rasshost-code-page-test");
}
