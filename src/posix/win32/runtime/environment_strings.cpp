// ExpandEnvironmentStringsA/W. Windows expands in UTF-16 and converts the A
// forms with the ANSI code page; here the same in wide text. Variable names
// are matched ignoring case, as Windows' environment does; an unknown
// %NAME% and an unclosed % are copied as written.
#include "posix/win32/system/environment.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <rasshost/win32.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

namespace rasshost::posix {
namespace {

// The variable as GetEnvironmentVariableA sees it, so that what a DLL sets
// with SetEnvironmentVariableA expands, as on Windows.
std::optional<std::wstring> variable(std::wstring_view name) {
    if (name.empty() || name.find(L'=') != std::wstring_view::npos) return std::nullopt;
    const auto value = environment::get(wide_to_ansi(name));
    if (!value) return std::nullopt;
    return ansi_to_wide(*value);
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
