#!/usr/bin/env bash
# usage: registry_default.sh DLL EMULATOR... SERVE
# rasshost-serve.exe started without --dll takes the security DLL from
# HKLM\SOFTWARE\Microsoft\RAS\SecurityHost, value DLLPath, as the
# Windows RAS server does: DLLPath names the greeter, and a remote user on
# stdio answers its prompt. The value is removed again on every exit path
# (CTest's RESOURCE_LOCK wine_registry keeps other users of the prefix's
# HKLM, such as cli.no_arguments, from running meanwhile).
set -uo pipefail
dll=$1
shift
serve=("$@")                                   # the emulator's words, then rasshost-serve.exe
emulator=("${serve[@]:0:${#serve[@]}-1}")
key='HKLM\SOFTWARE\Microsoft\RAS\SecurityHost'

remove_value() { "${emulator[@]}" reg delete "$key" /v DLLPath /f > /dev/null 2>&1 || true; }
trap remove_value EXIT
"${emulator[@]}" reg add "$key" /v DLLPath /t REG_SZ /d "$dll" /f > /dev/null || { echo "FAIL: reg add"; exit 1; }

# The answer comes a second after start, and stdin stays open a while: an
# end of input before the DLL asks would be a hang-up (see windows.stdio_pipe_success).
output=$( (sleep 1; printf 'bob\r'; sleep 4) | "${serve[@]}" --port stdio --once --dialog-timeout 30 2>&1)
status=$?
printf '%s\n' "$output"
[ "$status" -eq 0 ] || { echo "FAIL: exit $status, expected 0"; exit 1; }
printf '%s' "$output" | grep -q 'stdio: SUCCESS user "bob"' || { echo "FAIL: no SUCCESS for bob"; exit 1; }
