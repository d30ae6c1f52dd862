# Cross-compiling for 64-bit Windows from Linux with Debian's mingw-w64
# (package g++-mingw-w64-x86-64-posix: the posix thread model, which gives
# std::thread, std::mutex and std::condition_variable). Tests run under Wine
# through CMAKE_CROSSCOMPILING_EMULATOR. See docs/windows.md.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Libraries, headers and packages come from the mingw-w64 sysroot only: the
# Linux ones in /usr would shadow mingw's (glibc's bits/wordsize.h ...).
# The header-only dependencies are staged separately (cmake/windows_cross_deps.cmake).
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static runtime: an exe or DLL then needs no libstdc++/libwinpthread DLLs at
# run time, under Wine or on a bare Windows machine.
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
set(CMAKE_SHARED_LINKER_FLAGS_INIT -static)
set(CMAKE_MODULE_LINKER_FLAGS_INIT -static)

# Every test program runs under Wine in a throw-away prefix inside the build
# tree (never ~/.wine), headless and quiet. Start its server before ctest
# (scripts/wine-server.sh), or the first test pays for Wine's start-up.
find_program(WINE_EXECUTABLE NAMES wine wine64)
if(WINE_EXECUTABLE)
  set(CMAKE_CROSSCOMPILING_EMULATOR /usr/bin/env "WINEPREFIX=${CMAKE_BINARY_DIR}/.wineprefix" WINEARCH=win64
      WINEDEBUG=-all "WINEDLLOVERRIDES=mscoree,mshtml=" "${WINE_EXECUTABLE}")
endif()
