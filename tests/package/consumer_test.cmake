# Installs the build tree into a fresh prefix, builds examples/consumer
# against it with find_package(rasshost), and checks the result: the legacy
# DLL exports RasSecurityDialogBegin/End with C linkage, and a C++ program
# built from the install loads it. For a Windows cross build the consumer
# is cross-built with the same toolchain file, as a porter would, and run
# under the emulator (Wine). Run by CTest with:
#   -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -DWINDOWS=ON|OFF
#   [-DTOOLCHAIN_FILE=... -DEMULATOR=a|b|c] -P consumer_test.cmake
include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")
require_variables(BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR WINDOWS)
string(REPLACE "|" ";" emulator "${EMULATOR}")  # a list, passed with another separator

function(expect_installed prefix)
  foreach(installed IN LISTS ARGN)
    if(NOT EXISTS "${prefix}/${installed}")
      message(FATAL_ERROR "not installed: ${installed}")
    endif()
  endforeach()
endfunction()

# The headers each platform needs and no other: on Windows the compat folder
# holds only the legacy spellings (a windows.h there would hide the SDK's).
function(check_install prefix)
  expect_installed("${prefix}" include/rasshost/rasshost.h include/rasshost/compat/WINDOWS.H
                   lib/cmake/rasshost/rasshostConfig.cmake lib/cmake/rasshost/rasshostConfigVersion.cmake
                   lib/pkgconfig/rasshost.pc)
  if(WINDOWS)
    expect_installed("${prefix}" include/rasshost/compat_sdk/raserror.h)
    set(must_not_exist include/rasshost/compat/windows.h include/rasshost/compat/rasshost.h)
  else()
    expect_installed("${prefix}" include/rasshost/compat/windows.h)
    set(must_not_exist include/rasshost/compat_sdk)
  endif()
  foreach(path IN LISTS must_not_exist)
    if(EXISTS "${prefix}/${path}")
      message(FATAL_ERROR "installed, but not for this platform: ${path}")
    endif()
  endforeach()
endfunction()

function(build_consumer prefix build)
  set(where "-DCMAKE_PREFIX_PATH=${prefix}")
  if(TOOLCHAIN_FILE)
    # The toolchain file searches packages in the sysroot only, where
    # CMAKE_PREFIX_PATH would be re-rooted: name the package's folder.
    set(where "-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN_FILE}" "-Drasshost_DIR=${prefix}/lib/cmake/rasshost")
  endif()
  run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples/consumer" -B "${build}" -G "${GENERATOR}" ${where}
      # the flags of the tree under test (sanitizers must match the library's)
      "-DCMAKE_C_FLAGS=${CMAKE_C_FLAGS}" "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
      "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
      "-DCMAKE_SHARED_LINKER_FLAGS=${CMAKE_SHARED_LINKER_FLAGS}"
      "-DCMAKE_MODULE_LINKER_FLAGS=${CMAKE_MODULE_LINKER_FLAGS}")
  run(${CMAKE_COMMAND} --build "${build}")
endfunction()

function(check_exports dll)
  run(nm -D --defined-only "${dll}")
  foreach(symbol RasSecurityDialogBegin RasSecurityDialogEnd)
    if(NOT run_output MATCHES "T ${symbol}\n")
      message(FATAL_ERROR "${dll} does not export ${symbol} with C linkage:\n${run_output}")
    endif()
  endforeach()
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
check_install("${prefix}")
build_consumer("${prefix}" "${build}")

if(WINDOWS)
  # load_greeter checks the exports by name (GetProcAddress).
  file(GLOB dll "${build}/*greeter.dll")
  if(CMAKE_HOST_UNIX)
    set(dll "Z:${dll}")  # Wine's drive for the host's /
  endif()
  run(${emulator} "${build}/load_greeter.exe" "${dll}")
else()
  set(dll "${build}/libgreeter.so")
  check_exports("${dll}")
  run("${build}/load_greeter" "${dll}")
endif()
message(STATUS "${run_output}")
