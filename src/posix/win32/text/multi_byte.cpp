// MultiByteToWideChar and WideCharToMultiByte: Windows' argument and flag
// checks in front of the shared converters (conversion.hpp).
#include <rasshost/win32.h>

#include <climits>
#include <cstring>
#include <cwchar>

#include "posix/win32/runtime/last_error.hpp"
#include "posix/win32/text/ansi_code_page.hpp"
#include "posix/win32/text/conversion.hpp"

namespace text = rasshost::posix::text;
using rasshost::posix::set_last_error;

namespace {

constexpr DWORD single_byte_mb_flags = MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS;
constexpr DWORD single_byte_wc_flags =
    WC_COMPOSITECHECK | WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_NO_BEST_FIT_CHARS;

int fail(DWORD code) noexcept {
    set_last_error(code);
    return 0;
}

// CP_ACP and friends as the code page they stand for; 0 for an unknown one.
unsigned resolve(UINT code_page) noexcept {
    if (code_page == CP_ACP || code_page == CP_THREAD_ACP) return rasshost::posix::ansi_code_page();
    if (code_page == CP_OEMCP) return 437;
    return text::known_code_page(code_page) ? code_page : 0;
}

bool mb_flags_valid(unsigned id, DWORD flags) noexcept {
    if (id == text::utf7_code_page) return flags == 0;
    if (id == text::utf8_code_page) return (flags & ~MB_ERR_INVALID_CHARS) == 0;
    return (flags & ~single_byte_mb_flags) == 0;
}

bool wc_flags_valid(unsigned id, DWORD flags) noexcept {
    if (id == text::utf7_code_page) return flags == 0;
    if (id == text::utf8_code_page) return (flags & ~WC_ERR_INVALID_CHARS) == 0;
    return (flags & ~single_byte_wc_flags) == 0;
}

// The result of a conversion as the calls return it.
int finish(const text::Converted& done) noexcept {
    if (done.overflow) return fail(ERROR_INSUFFICIENT_BUFFER);
    if (done.count > static_cast<std::size_t>(INT_MAX)) return fail(ERROR_INSUFFICIENT_BUFFER);
    return static_cast<int>(done.count);
}

}  // namespace

extern "C" UINT WINAPI GetACP(void) { return rasshost::posix::ansi_code_page(); }

extern "C" UINT WINAPI GetOEMCP(void) { return 437; }

extern "C" BOOL WINAPI IsValidCodePage(UINT CodePage) { return text::known_code_page(CodePage) ? TRUE : FALSE; }

extern "C" int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCSTR lpMultiByteStr, int cbMultiByte,
                                          LPWSTR lpWideCharStr, int cchWideChar) {
    if (lpMultiByteStr == nullptr || cbMultiByte == 0 || cchWideChar < 0 ||
        (lpWideCharStr == nullptr && cchWideChar != 0) ||
        static_cast<const void*>(lpMultiByteStr) == static_cast<const void*>(lpWideCharStr))
        return fail(ERROR_INVALID_PARAMETER);
    const unsigned id = resolve(CodePage);
    if (id == 0) return fail(ERROR_INVALID_PARAMETER);
    if (!mb_flags_valid(id, dwFlags)) return fail(ERROR_INVALID_FLAGS);
    const std::size_t length = cbMultiByte < 0 ? std::strlen(lpMultiByteStr) + 1 : static_cast<std::size_t>(cbMultiByte);
    const bool strict = (dwFlags & MB_ERR_INVALID_CHARS) != 0;
    const text::Converted done = text::to_wide(id, std::string_view(lpMultiByteStr, length),
                                               cchWideChar == 0 ? nullptr : lpWideCharStr,
                                               static_cast<std::size_t>(cchWideChar), strict);
    if (strict && done.malformed) return fail(ERROR_NO_UNICODE_TRANSLATION);
    return finish(done);
}

extern "C" int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWSTR lpWideCharStr, int cchWideChar,
                                          LPSTR lpMultiByteStr, int cbMultiByte, LPCSTR lpDefaultChar,
                                          LPBOOL lpUsedDefaultChar) {
    if (lpWideCharStr == nullptr || cchWideChar == 0 || cbMultiByte < 0 ||
        (lpMultiByteStr == nullptr && cbMultiByte != 0) ||
        static_cast<const void*>(lpMultiByteStr) == static_cast<const void*>(lpWideCharStr))
        return fail(ERROR_INVALID_PARAMETER);
    const unsigned id = resolve(CodePage);
    if (id == 0) return fail(ERROR_INVALID_PARAMETER);
    const bool unicode = id == text::utf8_code_page || id == text::utf7_code_page;
    if (unicode && (lpDefaultChar != nullptr || lpUsedDefaultChar != nullptr)) return fail(ERROR_INVALID_PARAMETER);
    if (!wc_flags_valid(id, dwFlags)) return fail(ERROR_INVALID_FLAGS);
    const std::size_t length = cchWideChar < 0 ? std::wcslen(lpWideCharStr) + 1 : static_cast<std::size_t>(cchWideChar);
    const bool strict = (dwFlags & WC_ERR_INVALID_CHARS) != 0;
    const char default_char = lpDefaultChar != nullptr ? lpDefaultChar[0] : '?';
    const text::Converted done = text::from_wide(id, std::wstring_view(lpWideCharStr, length),
                                                 cbMultiByte == 0 ? nullptr : lpMultiByteStr,
                                                 static_cast<std::size_t>(cbMultiByte), strict, default_char);
    if (strict && done.malformed) return fail(ERROR_NO_UNICODE_TRANSLATION);
    if (lpUsedDefaultChar != nullptr) *lpUsedDefaultChar = done.used_default ? TRUE : FALSE;
    return finish(done);
}
