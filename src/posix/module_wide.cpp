// LoadLibraryW: the wide name as UTF-8, then LoadLibraryA's rules.
#include <rasshost/win32.h>

#include "utf8.hpp"

extern "C" HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName) {
    if (lpLibFileName == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return LoadLibraryA(rasshost::posix::to_utf8(lpLibFileName).c_str());
}
