#!/usr/bin/env bash
# usage: expect_exit.sh EXIT_CODE REGEX COMMAND [ARG...]
# Runs COMMAND; passes when it exits with EXIT_CODE and its output (stdout
# and stderr together) matches the extended REGEX.
set -uo pipefail
expected=$1 regex=$2
shift 2
output=$("$@" 2>&1)
status=$?
printf '%s\n' "$output"
[ "$status" -eq "$expected" ] || { echo "FAIL: exit $status, expected $expected"; exit 1; }
printf '%s' "$output" | grep -Ezq -- "$regex" || { echo "FAIL: output does not match /$regex/"; exit 1; }
