# Sanitizer and fuzzer instrumentation of the project's own targets, chosen
# by RASSHOST_SANITIZE (the presets asan, tsan and fuzz set it):
#   ""                  none
#   address, undefined  ASan and/or UBSan ("address;undefined"), stopping at the first report
#   thread              TSan
#   fuzzer              libFuzzer's coverage (clang) with ASan+UBSan; the fuzz
#                       targets add libFuzzer's main (tests/fuzz)
# The flags live on the INTERFACE target rasshost_sanitizers, which every
# compiled target of the project links: the library, tools, bench, examples,
# test programs and the DLLs they load, since a DLL loaded into an
# instrumented host must be instrumented alike. It is never exported: a
# consumer chooses its own flags. rasshost_check_sanitized_targets() fails
# the configuration if a target forgets it. A target that must keep a check
# off names it in its RASSHOST_NO_SANITIZE property (a -fno-sanitize= of its
# own would come before these flags, and GCC and clang let the later win).

if(RASSHOST_BUILD_FUZZERS)
  set(rasshost_sanitize_default fuzzer)
else()
  set(rasshost_sanitize_default "")
endif()
set(RASSHOST_SANITIZE "${rasshost_sanitize_default}" CACHE STRING
    "Instrumentation of every target: empty, address;undefined, thread or fuzzer")

set(rasshost_sanitizer_compile_options)
set(rasshost_sanitizer_link_options)
if(RASSHOST_SANITIZE STREQUAL "fuzzer")
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RASSHOST_SANITIZE=fuzzer needs clang: cmake --preset fuzz, or "
                        "-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  # Everything is instrumented for coverage and checked by ASan+UBSan; only
  # the fuzz targets link libFuzzer's main.
  set(rasshost_sanitizer_compile_options -fsanitize=fuzzer-no-link,address,undefined
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  set(rasshost_sanitizer_link_options -fsanitize=address,undefined)
elseif(RASSHOST_SANITIZE STREQUAL "thread")
  set(rasshost_sanitizer_compile_options -fsanitize=thread -fno-omit-frame-pointer)
  set(rasshost_sanitizer_link_options ${rasshost_sanitizer_compile_options})
  # -Wno-tsan: Asio's fenced blocks use atomic_thread_fence, which GCC warns
  # TSan cannot see; the fences are third-party code, the races are still checked.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND rasshost_sanitizer_compile_options -Wno-tsan)
  endif()
elseif(RASSHOST_SANITIZE)
  foreach(sanitizer IN LISTS RASSHOST_SANITIZE)
    if(NOT sanitizer MATCHES "^(address|undefined)$")
      message(FATAL_ERROR "RASSHOST_SANITIZE=${RASSHOST_SANITIZE}: expected empty, address;undefined, "
                          "address, undefined, thread or fuzzer")
    endif()
  endforeach()
  list(JOIN RASSHOST_SANITIZE "," sanitizers)
  set(rasshost_sanitizer_compile_options -fsanitize=${sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  set(rasshost_sanitizer_link_options ${rasshost_sanitizer_compile_options})
endif()
if(RASSHOST_BUILD_FUZZERS AND NOT RASSHOST_SANITIZE STREQUAL "fuzzer")
  message(FATAL_ERROR "RASSHOST_BUILD_FUZZERS needs RASSHOST_SANITIZE=fuzzer (its default then): "
                      "the fuzz targets need the library's coverage")
endif()

add_library(rasshost_sanitizers INTERFACE)
if(rasshost_sanitizer_compile_options)
  set(no_sanitize "$<TARGET_PROPERTY:RASSHOST_NO_SANITIZE>")
  target_compile_options(rasshost_sanitizers INTERFACE ${rasshost_sanitizer_compile_options}
    "$<$<BOOL:${no_sanitize}>:-fno-sanitize=$<JOIN:${no_sanitize},,>>")
endif()
target_link_options(rasshost_sanitizers INTERFACE ${rasshost_sanitizer_link_options})

# The same flags as command-line strings, for a project built out of tree
# against this one (tests/package): its programs load our instrumented code.
list(JOIN rasshost_sanitizer_compile_options " " rasshost_sanitizer_compile_flags)
list(JOIN rasshost_sanitizer_link_options " " rasshost_sanitizer_link_flags)

# Fails if a compiled target under DIRECTORY (recursively) does not link
# rasshost_sanitizers, directly or through an INTERFACE library of ours.
function(rasshost_check_sanitized_targets directory)
  get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      get_target_property(linked ${target} LINK_LIBRARIES)
      rasshost_links_sanitizers(found "${linked}")
      if(NOT found)
        message(FATAL_ERROR "${target} (${directory}) does not link rasshost_sanitizers: add it to its "
                            "target_link_libraries, as every target of the project does (cmake/rasshost_sanitizers.cmake)")
      endif()
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY "${directory}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    rasshost_check_sanitized_targets("${subdirectory}")
  endforeach()
endfunction()

# OUT: whether the link items LINKED (a target's LINK_LIBRARIES or an
# INTERFACE library's INTERFACE_LINK_LIBRARIES) reach rasshost_sanitizers.
function(rasshost_links_sanitizers out linked)
  set(found OFF)
  foreach(item IN LISTS linked)
    string(REGEX REPLACE "^\\$<BUILD_INTERFACE:(.*)>$" "\\1" item "${item}")
    if(item STREQUAL "rasshost_sanitizers")
      set(found ON)
      break()
    endif()
    if(TARGET "${item}" AND NOT item MATCHES "::")
      get_target_property(type ${item} TYPE)
      if(type STREQUAL "INTERFACE_LIBRARY")
        get_target_property(interface_linked ${item} INTERFACE_LINK_LIBRARIES)
        if(interface_linked)
          rasshost_links_sanitizers(found "${interface_linked}")
          if(found)
            break()
          endif()
        endif()
      endif()
    endif()
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()
