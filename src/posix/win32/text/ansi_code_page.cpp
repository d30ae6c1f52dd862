// The ANSI code page is one process-wide setting (an atomic: the ...A calls
// read it on every conversion), 1252 unless the embedder chose 437 or UTF-8
// (docs/decisions.md#ansi-code-page). The conversions are conversion.hpp's,
// shared with MultiByteToWideChar.
#include "posix/win32/text/ansi_code_page.hpp"

#include <rasshost/code_page.hpp>

#include "posix/win32/runtime/utf8.hpp"
#include "posix/win32/text/conversion.hpp"
#include "posix/win32/text/unicode.hpp"

#include <atomic>

namespace rasshost::posix {
namespace {

std::atomic<unsigned> current_code_page{1252};

std::wstring decode(unsigned id, std::string_view bytes) {
    std::wstring wide(text::to_wide(id, bytes, nullptr, 0, false).count, L'\0');
    text::to_wide(id, bytes, wide.data(), wide.size(), false);
    return wide;
}

std::string encode(unsigned id, std::wstring_view wide) {
    std::string bytes(text::from_wide(id, wide, nullptr, 0, false, '?').count, '\0');
    text::from_wide(id, wide, bytes.data(), bytes.size(), false, '?');
    return bytes;
}

}  // namespace

unsigned ansi_code_page() noexcept { return current_code_page.load(std::memory_order_relaxed); }

std::wstring ansi_to_wide(std::string_view ansi) { return decode(ansi_code_page(), ansi); }

std::string wide_to_ansi(std::wstring_view wide) { return encode(ansi_code_page(), wide); }

std::string ansi_to_utf8(std::string_view ansi) {
    const unsigned id = ansi_code_page();
    if (id == text::utf8_code_page) return std::string(ansi);
    std::string utf8;
    utf8.reserve(ansi.size());
    for (const wchar_t c : decode(id, ansi)) append_utf8(utf8, static_cast<char32_t>(c));
    return utf8;
}

std::string utf8_to_ansi(std::string_view utf8) {
    const unsigned id = ansi_code_page();
    if (id == text::utf8_code_page) return std::string(utf8);
    return encode(id, decode(text::utf8_code_page, utf8));
}

}  // namespace rasshost::posix

namespace rasshost {

bool set_ansi_code_page(unsigned code_page) noexcept {
    if (code_page != 1252 && code_page != 437 && code_page != posix::text::utf8_code_page) return false;
    posix::current_code_page.store(code_page, std::memory_order_relaxed);
    return true;
}

unsigned ansi_code_page() noexcept { return posix::ansi_code_page(); }

}  // namespace rasshost
