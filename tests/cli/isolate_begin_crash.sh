#!/usr/bin/env bash
# rasshost-serve --isolate with a DLL that crashes in RasSecurityDialogBegin
# (tests/fixtures/crashing_dll.c, CRASHING_DLL_IN_BEGIN): every call ends
# ABORTED with the signal, and the host serves the next one.
#
# usage: isolate_begin_crash.sh SERVE CHAT DLL [SERVE-OPTION ...]
set -uo pipefail
# Under the sanitizers the crash must stay a SIGSEGV, not a sanitizer report and exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}handle_segv=0"
serve=$1 chat=$2 dll=$3
shift 3
work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

CRASHING_DLL_IN_BEGIN=1 "$serve" --dll "$dll" --port tcp:127.0.0.1:0 "$@" >"$work/out" 2>"$work/err" &
serve_pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*ready: tcp 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/err" | head -1)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "rasshost-serve did not become ready"; cat "$work/err"; exit 1; }

for call in 1 2 3; do
  "$chat" --tcp "127.0.0.1:$port" --timeout 10 HANGUP || fail "call $call: no hang-up"
done
for _ in $(seq 1 200); do
  [ "$(grep -c 'crashed (signal 11' "$work/out")" -ge 3 ] && break
  sleep 0.05
done
kill -TERM "$serve_pid" 2>/dev/null
for _ in $(seq 1 200); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.05; done
wait "$serve_pid"; serve_status=$?
echo "--- rasshost-serve stdout"; cat "$work/out"
echo "--- rasshost-serve stderr"; cat "$work/err"
[ "$serve_status" -eq 0 ] || fail "rasshost-serve exit $serve_status (expected 0 after SIGTERM)"
[ "$(grep -Ec '^tcp [^ ]+: ABORTED .*crashed \(signal 11' "$work/out")" -eq 3 ] || fail "not three ABORTED lines with the signal"
exit $status
