// The W forms of the profile reads: arguments and results through the
// ANSI code page (docs/decisions.md#ansi-code-page), one byte per character
// either way, so the A form's counts hold for the wide result.
#include <rasshost/win32.h>

#include "posix/win32/text/ansi_code_page.hpp"

#include <optional>
#include <string>
#include <vector>

namespace {

std::optional<std::string> ansi(LPCWSTR wide) {
    if (wide == nullptr) return std::nullopt;
    return rasshost::posix::wide_to_ansi(wide);
}

const char* pointer(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

}  // namespace

extern "C" DWORD WINAPI GetPrivateProfileStringW(LPCWSTR lpAppName, LPCWSTR lpKeyName, LPCWSTR lpDefault,
                                                 LPWSTR lpReturnedString, DWORD nSize, LPCWSTR lpFileName) {
    if (lpReturnedString == nullptr || nSize == 0) return 0;
    const auto section = ansi(lpAppName), key = ansi(lpKeyName), fallback = ansi(lpDefault), file = ansi(lpFileName);
    std::vector<char> buffer(nSize, '\0');
    const DWORD n = GetPrivateProfileStringA(pointer(section), pointer(key), pointer(fallback), buffer.data(), nSize,
                                             pointer(file));
    // Lists end with two NULs: convert everything up to the second.
    const std::size_t used = n + 2 <= nSize ? n + 2 : nSize;
    const std::wstring wide = rasshost::posix::ansi_to_wide(std::string_view(buffer.data(), used));
    for (std::size_t i = 0; i < wide.size() && i < nSize; ++i) lpReturnedString[i] = wide[i];
    return n;
}

extern "C" UINT WINAPI GetPrivateProfileIntW(LPCWSTR lpAppName, LPCWSTR lpKeyName, INT nDefault, LPCWSTR lpFileName) {
    const auto section = ansi(lpAppName), key = ansi(lpKeyName), file = ansi(lpFileName);
    return GetPrivateProfileIntA(pointer(section), pointer(key), nDefault, pointer(file));
}
