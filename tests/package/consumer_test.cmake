# Installs the build tree into a fresh prefix, builds examples/consumer
# against it with find_package(rasshost), and checks the result: the legacy
# DLL exports RasSecurityDialogBegin/End with C linkage, and a C++ program
# built from the install loads it. Run by CTest with:
#   -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -P consumer_test.cmake
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} not set")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGV}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(installed include/rasshost/rasshost.h include/rasshost/compat/WINDOWS.H
                  lib/cmake/rasshost/rasshostConfig.cmake lib/cmake/rasshost/rasshostConfigVersion.cmake)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "not installed: ${installed}")
  endif()
endforeach()
file(GLOB pkgconfig "${prefix}/lib*/pkgconfig/rasshost.pc" "${prefix}/lib/*/pkgconfig/rasshost.pc")
if(NOT pkgconfig)
  message(FATAL_ERROR "rasshost.pc not installed")
endif()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples/consumer" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    # the flags of the tree under test (sanitizers must match the library's)
    "-DCMAKE_C_FLAGS=${CMAKE_C_FLAGS}" "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
    "-DCMAKE_SHARED_LINKER_FLAGS=${CMAKE_SHARED_LINKER_FLAGS}"
    "-DCMAKE_MODULE_LINKER_FLAGS=${CMAKE_MODULE_LINKER_FLAGS}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")

set(dll "${WORK_DIR}/build/libgreeter.so")
run(nm -D --defined-only "${dll}")
foreach(symbol RasSecurityDialogBegin RasSecurityDialogEnd)
  if(NOT run_output MATCHES "T ${symbol}\n")
    message(FATAL_ERROR "${dll} does not export ${symbol} with C linkage:\n${run_output}")
  endif()
endforeach()

run("${WORK_DIR}/build/load_greeter" "${dll}")
message(STATUS "${run_output}")
