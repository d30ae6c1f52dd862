# What the package test scripts (run with cmake -P) share.

# Stops the script unless every named variable was passed with -D.
function(require_variables)
  foreach(var ${ARGV})
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "${var} not set")
    endif()
  endforeach()
endfunction()

# Runs a command; stops the script with its output if it fails, else leaves
# its stdout in run_output.
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGV}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()
