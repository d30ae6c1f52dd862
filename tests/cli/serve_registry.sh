#!/usr/bin/env bash
# rasshost-serve --registry FILE with no --dll serves the DLL the file names
# (HKLM\SOFTWARE\Microsoft\RAS\SecurityHost, DLLPath), as RAS does on
# Windows; a file with a bad line is a usage error that names the line.
#
# usage: serve_registry.sh SERVE CHAT DLL
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
serve=$1 chat=$2 dll=$3

work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT

# A version 5 file as regedit writes it: UTF-16LE with a byte order mark,
# CRLF line ends, the path's backslashes escaped (none on POSIX).
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\SecurityHost]\r\n"DLLPath"="%s"\r\n' "$dll" |
  iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$work/ras.reg"

"$serve" --registry "$work/ras.reg" --port tcp:127.0.0.1:0 --once --dialog-timeout 30 >"$work/out" 2>"$work/err" &
serve_pid=$!
target=$(serve_target "$serve_pid" "$work/err") || exit 1
"$chat" --tcp "$target" --timeout 20 "Name: " 'alice\r' HANGUP || fail "the call did not go as scripted"
serve_wait "$serve_pid"; serve_status=$?
echo "--- stdout"; cat "$work/out"
echo "--- stderr"; cat "$work/err"
[ "$serve_status" -eq 0 ] || fail "exit $serve_status, expected 0"
grep -q 'SUCCESS user "alice"' "$work/out" || fail "no SUCCESS line for alice"

printf 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\SecurityHost]\n"DLLPath"=dword:1\nbroken\n' >"$work/bad.reg"
"$serve" --registry "$work/bad.reg" --port tcp:127.0.0.1:0 >"$work/out" 2>"$work/err"
bad_status=$?
cat "$work/err"
[ "$bad_status" -eq 64 ] || fail "a bad registry file: exit $bad_status, expected 64"
grep -q 'bad.reg:5: ' "$work/err" || fail "the error does not name line 5"
exit $status
