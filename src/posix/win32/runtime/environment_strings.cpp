// ExpandEnvironmentStringsA/W. Windows expands in UTF-16 and converts the A
// forms with the ANSI code page; here the same in wide text. Variable names
// are matched ignoring case, as Windows' environment does; an unknown
// %NAME% and an unclosed % are copied as written.
#include "posix/win32/runtime/utf8.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <rasshost/win32.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

extern "C" char** environ;

namespace rasshost::posix {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::optional<std::wstring> variable(std::wstring_view name) {
    std::string utf8;
    for (const wchar_t c : name) append_utf8(utf8, static_cast<char32_t>(c));
    if (utf8.empty() || utf8.find('=') != std::string::npos) return std::nullopt;
    if (const char* value = std::getenv(utf8.c_str())) return from_utf8(value);
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string_view text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string_view::npos && same_ignoring_case(text.substr(0, equals), utf8))
            return from_utf8(text.substr(equals + 1));
    }
    return std::nullopt;
}

std::wstring expand(std::wstring_view source) {
    std::wstring out;
    std::size_t at = 0;
    while (at < source.size()) {
        const auto percent = source.find(L'%', at);
        if (percent == std::wstring_view::npos) break;
        out.append(source.substr(at, percent - at));
        const auto close = source.find(L'%', percent + 1);
        if (close == std::wstring_view::npos) {
            at = percent;
            break;
        }
        const auto value = variable(source.substr(percent + 1, close - percent - 1));
        out.append(value ? std::wstring_view(*value) : source.substr(percent, close - percent + 1));
        at = close + 1;
    }
    out.append(source.substr(std::min(at, source.size())));
    return out;
}

// Copies the result with its NUL when it fits; the size it needs either way.
template <class Char>
DWORD deliver(const std::basic_string<Char>& result, Char* destination, DWORD size) {
    const auto needed = static_cast<DWORD>(result.size() + 1);
    if (destination && size > 0) {
        const std::size_t copied = std::min<std::size_t>(result.size(), size - 1);
        std::copy_n(result.data(), copied, destination);
        destination[copied] = 0;
    }
    return needed;
}

}  // namespace
}  // namespace rasshost::posix

extern "C" DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR lpSrc, LPSTR lpDst, DWORD nSize) {
    using namespace rasshost::posix;
    if (!lpSrc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return deliver(wide_to_ansi(expand(ansi_to_wide(lpSrc))), lpDst, nSize);
}

extern "C" DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize) {
    using namespace rasshost::posix;
    if (!lpSrc) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return deliver(expand(lpSrc), lpDst, nSize);
}
