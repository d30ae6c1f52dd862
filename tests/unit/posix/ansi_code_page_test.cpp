// The ANSI code page every ...A call converts with: Windows-1252, with the
// five bytes it leaves undefined kept as the C1 controls, as Windows does.
#include <doctest/doctest.h>

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
