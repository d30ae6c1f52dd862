// The lstr* family with Win32's NULL handling.
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

namespace {

int sign_of(int difference) { return (difference > 0) - (difference < 0); }

unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }

template <class Fold>
int compare(LPCSTR left, LPCSTR right, Fold fold) {
    if (left == nullptr || right == nullptr) return (left != nullptr) - (right != nullptr);
    const auto* a = reinterpret_cast<const unsigned char*>(left);
    const auto* b = reinterpret_cast<const unsigned char*>(right);
    while (*a != 0 && fold(*a) == fold(*b)) ++a, ++b;
    return sign_of(static_cast<int>(fold(*a)) - static_cast<int>(fold(*b)));
}

LPSTR access_violation() {
    SetLastError(ERROR_INVALID_PARAMETER);
    return nullptr;
}

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
    return compare(lpString1, lpString2, [](unsigned char c) { return c; });
}

extern "C" int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2) {
    return compare(lpString1, lpString2, ascii_lower);
}
