#!/usr/bin/env bash
# rasshost-serve --isolate with a DLL that crashes (tests/fixtures/crashing_dll.c):
# two dialogs at once, the crashing one ends ABORTED with its signal logged,
# the other completes SUCCESS, and the host goes on to serve a third.
#
# usage: isolate_crash.sh SERVE CHAT DLL [SERVE-OPTION ...]
#   Without --isolate among the options the same run shows the crash taking
#   the whole host down (the test then fails).
set -uo pipefail
# Under the sanitizers the crash must stay a SIGSEGV, not a sanitizer report and exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}handle_segv=0"
serve=$1 chat=$2 dll=$3
shift 3
work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; exec 3>&- 2>/dev/null; rm -rf "$work"' EXIT

"$serve" --dll "$dll" --port tcp:127.0.0.1:0 --dialog-timeout 30 "$@" >"$work/out" 2>"$work/err" &
serve_pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*ready: tcp 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/err" | head -1)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "rasshost-serve did not become ready"; cat "$work/err"; exit 1; }

status=0
fail() { echo "FAIL: $*"; status=1; }

# Dialog A: connected and prompted, it waits while B crashes.
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect A"
timeout 10 dd bs=1 count=6 status=none <&3 >/dev/null  # the telnet offer (WILL ECHO, WILL SGA)
IFS= read -r -t 10 -n 6 prompt <&3
[ "$prompt" = "Name: " ] || fail "A: no prompt (got \"$prompt\")"

# Dialog B: its DLL crashes; the caller sees a hang-up.
"$chat" --tcp "127.0.0.1:$port" --timeout 10 "Name: " "crash\\r" HANGUP || fail "B: no hang-up after the crash"

# A answers now and is let in; the host hangs up after the verdict.
printf 'alice\r' >&3
timeout 10 cat <&3 >/dev/null || fail "A: no hang-up after its verdict"
exec 3>&-

# C: the host still serves.
"$chat" --tcp "127.0.0.1:$port" --timeout 10 "Name: " "carol\\r" HANGUP || fail "C: not served"

# D is at its prompt when the host is told to stop: its dialog ends (End) and is reported.
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "cannot connect D"
timeout 10 dd bs=1 count=6 status=none <&3 >/dev/null  # the telnet offer (WILL ECHO, WILL SGA)
IFS= read -r -t 10 -n 6 prompt <&3
[ "$prompt" = "Name: " ] || fail "D: no prompt (got \"$prompt\")"

kill -TERM "$serve_pid" 2>/dev/null
for _ in $(seq 1 200); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.05; done
wait "$serve_pid"; serve_status=$?

echo "--- rasshost-serve stdout"; cat "$work/out"
echo "--- rasshost-serve stderr"; cat "$work/err"
[ "$serve_status" -eq 0 ] || fail "rasshost-serve exit $serve_status (expected 0 after SIGTERM)"
grep -Eq 'ABORTED .*crashed \(signal 11' "$work/out" || fail "no ABORTED line with the signal"
grep -Eq 'SUCCESS user "alice"' "$work/out" || fail "A was not let in"
grep -Eq 'SUCCESS user "carol"' "$work/out" || fail "C was not let in"
grep -Eq 'ABORTED .*error 631 \(shutdown\)' "$work/out" || fail "D was not ended by the shutdown"
exit $status
