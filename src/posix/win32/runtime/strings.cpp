// The lstr* family with Win32's NULL handling, ANSI and wide.
//
// Windows wraps these functions in structured exception handling: a NULL (or
// otherwise unreadable) pointer makes them return NULL (copy/concatenate) or
// 0 (length) with ERROR_INVALID_PARAMETER instead of crashing. POSIX has no
// such recovery, so NULL is checked up front; other bad pointers still crash.
//
// Comparison: Windows compares with the user locale's word sort (hyphens and
// apostrophes nearly ignored, "a" < "B"). rasshost compares bytes as
// unsigned char and folds only ASCII letters for lstrcmpiA, which gives the
// same result for the ASCII user names and tokens security DLLs compare. The
// result is -1, 0 or 1 as on Windows (CompareString result minus 2), and
// NULL sorts before every string, two NULLs being equal (as Wine's tests of
// Windows show).
#include <rasshost/win32.h>

#include <climits>
#include <cstring>
#include <cwchar>
#include <type_traits>

namespace {

unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }

// Code units compared unsigned, after `fold`; -1, 0 or 1.
template <class Char, class Fold>
int compare(const Char* left, const Char* right, Fold fold) {
    using Unit = std::make_unsigned_t<Char>;
    if (left == nullptr || right == nullptr) return (left != nullptr) - (right != nullptr);
    while (*left != 0 && fold(static_cast<Unit>(*left)) == fold(static_cast<Unit>(*right))) ++left, ++right;
    const auto a = fold(static_cast<Unit>(*left)), b = fold(static_cast<Unit>(*right));
    return (a > b) - (a < b);
}

template <class Char = CHAR>
Char* access_violation() {
    SetLastError(ERROR_INVALID_PARAMETER);
    return nullptr;
}

unsigned char same(unsigned char c) { return c; }

}  // namespace

extern "C" LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2) {
    if (lpString1 == nullptr || lpString2 == nullptr) return access_violation();
    return std::strcpy(lpString1, lpString2);
}

// iMaxLength counts the terminating NUL: at most iMaxLength-1 characters are
// copied and the result is always terminated; 0 touches nothing and returns
// lpString1 (nothing needs reading, so no fault either). Windows treats a
// negative iMaxLength as a huge unsigned count, that is: no limit.
extern "C" LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength) {
    if (iMaxLength == 0) return lpString1;
    if (lpString1 == nullptr) return access_violation();
    if (iMaxLength == 1) {
        *lpString1 = '\0';
        return lpString1;
    }
    if (lpString2 == nullptr) return access_violation();
    const std::size_t limit = iMaxLength < 0 ? SIZE_MAX : static_cast<std::size_t>(iMaxLength) - 1;
    std::size_t n = 0;
    while (n < limit && lpString2[n] != '\0') {
        lpString1[n] = lpString2[n];
        ++n;
    }
    lpString1[n] = '\0';
    return lpString1;
}

extern "C" LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2) {
    if (lpString1 == nullptr || lpString2 == nullptr) return access_violation();
    return std::strcat(lpString1, lpString2);
}

extern "C" int WINAPI lstrlenA(LPCSTR lpString) {
    if (lpString == nullptr) return 0;
    const std::size_t length = std::strlen(lpString);
    return length > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(length);
}

extern "C" int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2) {
    return compare(lpString1, lpString2, same);
}

extern "C" int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2) {
    return compare(lpString1, lpString2, ascii_lower);
}

// The wide forms: the same NULL handling; lstrcmpW compares code units,
// which for the ASCII names and tokens DLLs compare gives Windows' order.
extern "C" LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2) {
    if (lpString1 == nullptr || lpString2 == nullptr) return access_violation<WCHAR>();
    return std::wcscpy(lpString1, lpString2);
}

extern "C" LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2) {
    if (lpString1 == nullptr || lpString2 == nullptr) return access_violation<WCHAR>();
    return std::wcscat(lpString1, lpString2);
}

extern "C" int WINAPI lstrlenW(LPCWSTR lpString) {
    if (lpString == nullptr) return 0;
    const std::size_t length = std::wcslen(lpString);
    return length > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(length);
}

extern "C" int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2) {
    return compare(lpString1, lpString2, [](std::make_unsigned_t<WCHAR> c) { return c; });
}
