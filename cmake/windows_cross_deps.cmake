# The header-only dependencies {fmt} and doctest for a cross build to
# Windows, taken from the build machine's Debian packages (Asio: asio.cmake,
# which rasshostConfig.cmake uses too).
#
# Their headers live in /usr/include, which must never be on a mingw-w64
# include path (glibc's headers would shadow mingw's), so each one is
# symlinked into a staging directory of the build tree and offered through
# targets of the usual names. Debian's doctest::doctest and fmt::fmt CMake
# targets are not used: they point at /usr/include (fmt's at a Linux library).
set(rasshost_host_headers "${CMAKE_BINARY_DIR}/hostheaders")
file(MAKE_DIRECTORY "${rasshost_host_headers}")
foreach(entry fmt doctest)
  if(NOT EXISTS "/usr/include/${entry}")
    message(FATAL_ERROR "/usr/include/${entry} missing: install libfmt-dev doctest-dev")
  endif()
  if(NOT EXISTS "${rasshost_host_headers}/${entry}")
    file(CREATE_LINK "/usr/include/${entry}" "${rasshost_host_headers}/${entry}" SYMBOLIC)
  endif()
endforeach()

# Imported targets: their include directories are SYSTEM, so the
# dependencies' own warnings stay out of -Werror builds.
add_library(fmt::fmt INTERFACE IMPORTED)
set_target_properties(fmt::fmt PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${rasshost_host_headers}"
  INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY)

add_library(doctest::doctest INTERFACE IMPORTED)
set_target_properties(doctest::doctest PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${rasshost_host_headers}")
# doctest_discover_tests() comes from the package's CMake script, which only
# runs the test programs (under the emulator) and needs no target.
set(doctest_DIR /usr/lib/cmake/doctest)
