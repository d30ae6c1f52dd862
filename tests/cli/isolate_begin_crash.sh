#!/usr/bin/env bash
# rasshost-serve --isolate with a DLL that crashes in RasSecurityDialogBegin
# (tests/fixtures/crashing_dll.c, CRASHING_DLL_IN_BEGIN): every call ends
# ABORTED with the signal, and the host serves the next one.
#
# usage: isolate_begin_crash.sh SERVE CHAT DLL [SERVE-OPTION ...]
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
keep_segv
serve=$1 chat=$2 dll=$3
shift 3
work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT

CRASHING_DLL_IN_BEGIN=1 "$serve" --dll "$dll" --port tcp:127.0.0.1:0 "$@" >"$work/out" 2>"$work/err" &
serve_pid=$!
target=$(serve_target "$serve_pid" "$work/err") || exit 1

for call in 1 2 3; do
  "$chat" --tcp "$target" --timeout 10 HANGUP || fail "call $call: no hang-up"
done
for _ in $(seq 1 200); do
  [ "$(grep -c 'crashed (signal 11' "$work/out")" -ge 3 ] && break
  sleep 0.05
done
serve_stop "$serve_pid"; serve_status=$?
serve_dump "$work"
[ "$serve_status" -eq 0 ] || fail "rasshost-serve exit $serve_status (expected 0 after SIGTERM)"
[ "$(grep -Ec '^tcp [^ ]+: ABORTED .*crashed \(signal 11' "$work/out")" -eq 3 ] || fail "not three ABORTED lines with the signal"
exit $status
