// LoadLibraryW and GetModuleHandleW: the wide name becomes the operating
// system's (UTF-8) name directly, as Windows' W calls take any file name,
// not through the ANSI code page; then the A forms' rules (module_load.hpp).
#include <rasshost/win32.h>

#include <string>

#include "posix/win32/modules/module_load.hpp"
#include "posix/win32/runtime/utf8.hpp"

namespace {

// A W form's module name as the operating system names files.
std::string os_name(LPCWSTR name) { return rasshost::posix::to_utf8(name); }

}  // namespace

extern "C" HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName) {
    if (lpLibFileName == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return rasshost::posix::load_library(os_name(lpLibFileName));
}

extern "C" HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName) {
    if (lpModuleName == nullptr) return GetModuleHandleA(nullptr);
    return rasshost::posix::module_handle(os_name(lpModuleName));
}
