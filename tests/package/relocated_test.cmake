# An install moved away from the prefix it was made for still works, with
# nothing from the environment: the programs find librasshost through their
# $ORIGIN-relative RPATH (run under env -i), and rasshost.pc answers with the
# moved prefix and the definitions the public headers need, which a program
# built with its flags alone shows. Run by CTest (POSIX) with:
#   -DBUILD_DIR=... -DWORK_DIR=... -DVERSION=... -DCXX=... -DCXX_FLAGS=...
#   -DPROBE=<pc_probe.cpp> -P relocated_test.cmake
include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")
require_variables(BUILD_DIR WORK_DIR VERSION CXX PROBE)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/installed-here")
set(prefix "${WORK_DIR}/moved-there")
file(RENAME "${WORK_DIR}/installed-here" "${prefix}")

run(env -i "${prefix}/bin/rasshost-serve" --version)
if(NOT run_output STREQUAL "rasshost-serve ${VERSION}\n")
  message(FATAL_ERROR "rasshost-serve --version from a moved prefix said: ${run_output}")
endif()

file(GLOB pc_dir "${prefix}/lib*/pkgconfig" "${prefix}/lib/*/pkgconfig")
run(env "PKG_CONFIG_PATH=${pc_dir}" pkg-config --cflags --libs rasshost)
if(NOT run_output MATCHES "-I${prefix}/")
  message(FATAL_ERROR "rasshost.pc does not follow the moved prefix: ${run_output}")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${run_output}")
separate_arguments(cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
run("${CXX}" ${cxx_flags} -std=c++20 "${PROBE}" ${pc_flags} -o "${WORK_DIR}/pc_probe")
file(GLOB libdir "${prefix}/lib*/librasshost.so" "${prefix}/lib/*/librasshost.so")
get_filename_component(libdir "${libdir}" DIRECTORY)
run(env -i "LD_LIBRARY_PATH=${libdir}" "${WORK_DIR}/pc_probe")
message(STATUS "${run_output}")
