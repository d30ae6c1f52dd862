# How other projects find rasshost: find_package(rasshost) against the build
# tree (POSIX) or an install (when RASSHOST_INSTALL is on), and pkg-config.
#
# The installed targets depend on Threads and Asio only: {fmt} is private to
# the library (linked into the shared object on POSIX, header-only in the
# static library on Windows), so the package never looks for it.

# The build tree as a package: rasshost_DIR=<build dir>. Only for the shared
# library (POSIX): a static library's export lists its private link items,
# {fmt} and the warning flags, which CMake 3.25 cannot keep to the build
# tree ($<BUILD_LOCAL_INTERFACE> needs 3.26); an install has no such items.
function(rasshost_export_build_tree)
  get_target_property(type rasshost TYPE)
  if(NOT type STREQUAL "SHARED_LIBRARY")
    return()
  endif()
  export(TARGETS rasshost rasshost_compat NAMESPACE rasshost::
         FILE "${PROJECT_BINARY_DIR}/rasshostTargets.cmake")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/asio.cmake" "${PROJECT_BINARY_DIR}/asio.cmake" COPYONLY)
  configure_file("${PROJECT_SOURCE_DIR}/cmake/rasshost_legacy_sources.cmake"
                 "${PROJECT_BINARY_DIR}/rasshost_legacy_sources.cmake" COPYONLY)
  configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/rasshostConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/rasshostConfig.cmake"
    INSTALL_DESTINATION "${PROJECT_BINARY_DIR}" INSTALL_PREFIX "${PROJECT_BINARY_DIR}")
  write_basic_package_version_file("${PROJECT_BINARY_DIR}/rasshostConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)
endfunction()

# The CMake package of an install.
function(rasshost_install_cmake_package)
  set(destination ${CMAKE_INSTALL_LIBDIR}/cmake/rasshost)
  set(staged "${PROJECT_BINARY_DIR}/install-package")
  configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/rasshostConfig.cmake.in"
    "${staged}/rasshostConfig.cmake" INSTALL_DESTINATION ${destination})
  write_basic_package_version_file("${staged}/rasshostConfigVersion.cmake" COMPATIBILITY SameMajorVersion)
  install(EXPORT rasshostTargets NAMESPACE rasshost:: DESTINATION ${destination} COMPONENT dev)
  install(FILES "${staged}/rasshostConfig.cmake" "${staged}/rasshostConfigVersion.cmake"
                "${PROJECT_SOURCE_DIR}/cmake/asio.cmake"
                "${PROJECT_SOURCE_DIR}/cmake/rasshost_legacy_sources.cmake"
          DESTINATION ${destination} COMPONENT dev)
endfunction()

# rasshost.pc, relocatable: its prefix is found from its own folder
# (${pcfiledir}), so a moved install still answers with its own paths. The
# flags are those of the exported targets that a compiler line needs: Asio's
# definitions (the public C++ headers include Asio, and every translation
# unit must make Asio's choices alike) and, for the static library of
# Windows, Winsock's libraries.
function(rasshost_install_pkg_config)
  set(pc_dir "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig")
  file(RELATIVE_PATH pc_to_prefix "${pc_dir}" "${CMAKE_INSTALL_PREFIX}")
  string(REGEX REPLACE "/$" "" pc_to_prefix "${pc_to_prefix}")
  foreach(dir LIBDIR INCLUDEDIR)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
      set(pc_${dir} "${CMAKE_INSTALL_${dir}}")
    else()
      set(pc_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
    endif()
  endforeach()

  get_target_property(definitions asio::asio INTERFACE_COMPILE_DEFINITIONS)
  list(TRANSFORM definitions PREPEND "-D")
  list(JOIN definitions " " pc_cflags)
  string(STRIP "-I\${includedir} ${pc_cflags}" pc_cflags)
  get_target_property(libraries asio::asio INTERFACE_LINK_LIBRARIES)
  list(FILTER libraries EXCLUDE REGEX "::")  # Threads: Libs.private
  list(TRANSFORM libraries PREPEND "-l")
  list(JOIN libraries " " pc_libs)
  string(STRIP "-L\${libdir} -lrasshost ${pc_libs}" pc_libs)
  if(WIN32)
    set(pc_libs_private "-lpthread")
  else()
    set(pc_libs_private "-lpthread -ldl")
  endif()

  configure_file("${PROJECT_SOURCE_DIR}/cmake/rasshost.pc.in" "${PROJECT_BINARY_DIR}/rasshost.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/rasshost.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)
endfunction()
