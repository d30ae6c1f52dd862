# What an install holds, per platform, when RASSHOST_INSTALL is on: the
# library, the headers a consumer of that platform needs, and the programs.
# Every rule names its component, which is a Debian package of its own
# (cmake/rasshost_deb.cmake): library (librasshost0), dev (librasshost-dev),
# tools (rasshost-tools) and examples (rasshost-examples).
# An installed program or library finds librasshost relative to itself, so
# an install runs from any prefix (and after being moved) with no
# LD_LIBRARY_PATH.

# INSTALL_RPATH of TARGET, installed in DESTINATION (usually relative to the prefix):
# $ORIGIN plus the way from there to the library folder. Windows has no
# RPATH (a DLL is found next to the exe), and the dynamic loader of macOS
# another syntax; neither needs one here.
function(rasshost_set_install_rpath target destination)
  if(WIN32 OR APPLE)
    return()
  endif()
  if(NOT IS_ABSOLUTE "${destination}")
    set(destination "${CMAKE_INSTALL_PREFIX}/${destination}")
  endif()
  file(RELATIVE_PATH to_libdir "${destination}" "${CMAKE_INSTALL_FULL_LIBDIR}")
  if(to_libdir STREQUAL "")
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN")
  else()
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN/${to_libdir}")
  endif()
endfunction()

# The configuration directory: /etc for a /usr install (GNUInstallDirs'
# rule), else etc/ inside the prefix, so a scratch or moved install keeps
# its files to itself.
if(CMAKE_INSTALL_FULL_SYSCONFDIR STREQUAL "/etc")
  set(RASSHOST_INSTALL_SYSCONFDIR "/etc")
else()
  set(RASSHOST_INSTALL_SYSCONFDIR "${CMAKE_INSTALL_SYSCONFDIR}")
endif()

# Where the example security DLLs are installed, and where rasshost-serve
# looks for a --dll NAME without a directory, as pppd for its plugins.
set(RASSHOST_INSTALL_DLLDIR "${CMAKE_INSTALL_LIBDIR}/rasshost")
if(IS_ABSOLUTE "${RASSHOST_INSTALL_DLLDIR}")
  set(RASSHOST_INSTALL_FULL_DLLDIR "${RASSHOST_INSTALL_DLLDIR}")
else()
  set(RASSHOST_INSTALL_FULL_DLLDIR "${CMAKE_INSTALL_PREFIX}/${RASSHOST_INSTALL_DLLDIR}")
endif()

# Installs the programs TARGETS into the binary folder.
function(rasshost_install_programs)
  if(NOT RASSHOST_INSTALL)
    return()
  endif()
  foreach(target IN LISTS ARGN)
    rasshost_set_install_rpath(${target} "${CMAKE_INSTALL_BINDIR}")
  endforeach()
  install(TARGETS ${ARGN} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
endfunction()

# The library, rasshost::compat and the headers. The compat folder holds,
# on POSIX, the Windows header names forwarding to rasshost's own headers
# plus their legacy spellings; on Windows only the spellings (each including
# the SDK's lower-case header) -- a forwarder such as windows.h there would
# hide mingw-w64's real <windows.h> -- and, for GCC and Clang, compat_sdk's
# raserror.h with the codes the newer SDKs leave out.
function(rasshost_install_library spellings_dir)
  rasshost_set_install_rpath(rasshost "${CMAKE_INSTALL_LIBDIR}")
  install(TARGETS rasshost rasshost_compat EXPORT rasshostTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library NAMELINK_COMPONENT dev
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT library)
  if(WIN32)
    set(not_needed compat)
  else()
    set(not_needed compat_sdk)
  endif()
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/rasshost" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
          PATTERN ${not_needed} EXCLUDE)
  if(NOT CMAKE_HOST_WIN32)  # the spellings exist only on a case-sensitive host
    install(DIRECTORY "${spellings_dir}/" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rasshost/compat COMPONENT dev)
  endif()
endfunction()
