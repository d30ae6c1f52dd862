// LoadLibraryExA and DisableThreadLibraryCalls: the loader calls of
// module.cpp in the forms legacy DLLs also use
// (docs/decisions.md#loadlibraryex-flags).
#include <rasshost/win32.h>

#include "posix/win32/modules/module_names.hpp"

extern "C" HMODULE WINAPI LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags) {
    // hFile is reserved and must be NULL, as Windows requires.
    if (hFile != nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    // LOAD_WITH_ALTERED_SEARCH_PATH loads as LoadLibraryA: dependencies are
    // the dynamic linker's to find (the object's RUNPATH, e.g. $ORIGIN), with
    // or without it. LOAD_LIBRARY_AS_DATAFILE maps a file to read its resources,
    // which the emulation has no calls for, and DONT_RESOLVE_DLL_REFERENCES
    // would still run the shared object's constructors: both are refused
    // rather than half done.
    if ((dwFlags & ~static_cast<DWORD>(LOAD_WITH_ALTERED_SEARCH_PATH)) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return LoadLibraryA(lpLibFileName);
}

// Thread notifications are never sent (docs/decisions.md#dllmain), so there
// is nothing to turn off; the module must still be a loaded one.
extern "C" BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule) {
    if (!rasshost::posix::is_loaded_module(hLibModule)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
