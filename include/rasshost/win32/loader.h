/*
 * rasshost/win32/loader.h - LoadLibraryExA, GetModuleHandleW and
 * DisableThreadLibraryCalls, beside win32.h's LoadLibrary calls.
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX LoadLibraryExA accepts LOAD_WITH_ALTERED_SEARCH_PATH (dependencies
 * are the dynamic linker's to find either way) and refuses LOAD_LIBRARY_AS_DATAFILE and
 * DONT_RESOLVE_DLL_REFERENCES (docs/decisions.md#loadlibraryex-flags).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_LOADER_H
#define RASSHOST_WIN32_LOADER_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

#define DONT_RESOLVE_DLL_REFERENCES 0x00000001u
#define LOAD_LIBRARY_AS_DATAFILE 0x00000002u
#define LOAD_WITH_ALTERED_SEARCH_PATH 0x00000008u

/** LoadLibraryA with flags: 0 and LOAD_WITH_ALTERED_SEARCH_PATH load as
 *  LoadLibraryA does; any other flag, or a non-NULL hFile, fails with
 *  ERROR_INVALID_PARAMETER. */
RASSHOST_API HMODULE WINAPI LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags);
/** GetModuleHandleA with a wide name (in the ANSI code page). */
RASSHOST_API HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName);
/** TRUE for a loaded module (the emulation never sends thread
 *  notifications to DllMain, so there is nothing to turn off); FALSE with
 *  ERROR_INVALID_HANDLE otherwise. */
RASSHOST_API BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule);

#define LoadLibraryEx LoadLibraryExA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_LOADER_H */
