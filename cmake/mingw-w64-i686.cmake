# Cross-compiling for 32-bit Windows from Linux with Debian's mingw-w64
# (package g++-mingw-w64-i686-posix), as cmake/mingw-w64-x86_64.cmake does
# for 64-bit: the posix thread model, a static runtime, the mingw sysroot
# only. A legacy security DLL of the NT4/Windows 2000 era is a PE32 built
# for this machine; the host that serves it must be one too. Tests run
# under 32-bit Wine (WINEARCH=win32, Debian's wine32:i386). See docs/windows.md.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86)

set(CMAKE_C_COMPILER i686-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER i686-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER i686-w64-mingw32-windres)

set(CMAKE_FIND_ROOT_PATH /usr/i686-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# A .def file exports the stdcall entry points undecorated, as the SDK's
# do (RasSecurityDialogBegin for _RasSecurityDialogBegin@24): the linker
# matches the two names, and says so in a warning unless told to.
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -Wl,--enable-stdcall-fixup")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static -Wl,--enable-stdcall-fixup")

# A 32-bit prefix of its own inside the build tree (never ~/.wine).
find_program(WINE_EXECUTABLE NAMES wine)
if(WINE_EXECUTABLE)
  set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/env "WINEPREFIX=${CMAKE_BINARY_DIR}/.wineprefix" WINEARCH=win32
      WINEDEBUG=-all "WINEDLLOVERRIDES=mscoree,mshtml=" "${WINE_EXECUTABLE}")
endif()
