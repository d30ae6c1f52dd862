#!/usr/bin/env bash
# rasshost-serve --isolate with a DLL that crashes (tests/fixtures/crashing_dll.c):
# two dialogs at once, the crashing one ends ABORTED with its signal logged,
# the other completes SUCCESS, and the host goes on to serve a third.
#
# usage: isolate_crash.sh SERVE CHAT DLL [SERVE-OPTION ...]
#   Without --isolate among the options the same run shows the crash taking
#   the whole host down (the test then fails).
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
keep_segv
serve=$1 chat=$2 dll=$3
shift 3
work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; exec 3>&- 2>/dev/null; rm -rf "$work"' EXIT

"$serve" --dll "$dll" --port tcp:127.0.0.1:0 --dialog-timeout 30 "$@" >"$work/out" 2>"$work/err" &
serve_pid=$!
target=$(serve_target "$serve_pid" "$work/err") || exit 1

# Dialog A: connected and prompted, it waits while B crashes.
at_prompt "$target"

# Dialog B: its DLL crashes; the caller sees a hang-up.
"$chat" --tcp "$target" --timeout 10 "Name: " "crash\\r" HANGUP || fail "B: no hang-up after the crash"

# A answers now and is let in; the host hangs up after the verdict.
printf 'alice\r' >&3
timeout 10 cat <&3 >/dev/null || fail "A: no hang-up after its verdict"
exec 3>&-

# C: the host still serves.
"$chat" --tcp "$target" --timeout 10 "Name: " "carol\\r" HANGUP || fail "C: not served"

# D is at its prompt when the host is told to stop: its dialog ends (End) and is reported.
at_prompt "$target"
serve_stop "$serve_pid"; serve_status=$?

serve_dump "$work"
[ "$serve_status" -eq 0 ] || fail "rasshost-serve exit $serve_status (expected 0 after SIGTERM)"
grep -Eq 'ABORTED .*crashed \(signal 11' "$work/out" || fail "no ABORTED line with the signal"
grep -Eq 'SUCCESS user "alice"' "$work/out" || fail "A was not let in"
grep -Eq 'SUCCESS user "carol"' "$work/out" || fail "C was not let in"
grep -Eq 'ABORTED .*error 631 \(shutdown\)' "$work/out" || fail "D was not ended by the shutdown"
exit $status
