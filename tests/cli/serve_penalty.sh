#!/usr/bin/env bash
# rasshost-serve's per-source penalty end to end: with --max-failures 1, a
# caller who hangs up after the prompt is refused on its next call with one
# line, and the penalty is logged with the address, count and duration.
#
# usage: serve_penalty.sh SERVE CHAT DLL [SERVE-OPTION ...] (e.g. --isolate)
#   RASSHOST_TEST_EMULATOR: the words that run a cross-built program (Wine).
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
run=${RASSHOST_TEST_EMULATOR:-}
serve=$1 chat=$2 dll=$3
shift 3

work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
$run "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --max-failures 1 --penalty 60 "$@" >"$work/out" 2>"$work/err" &
serve_pid=$!

target=$(serve_target "$serve_pid" "$work/err") || exit 1

# A prompt, then a hang-up: one failure.
$run "$chat" --tcp "$target" --timeout 20 "Name: " CLOSE || fail "first call"
# The penalty is counted when the dialog is over: wait for its line.
for _ in $(seq 1 200); do grep -q "ABORTED" "$work/out" && break; sleep 0.05; done
$run "$chat" --tcp "$target" --timeout 20 "rasshost: too many failures from your address, try again later" HANGUP ||
  fail "the second call was not refused"
serve_stop "$serve_pid"
serve_dump "$work"
grep -Eq "source 127\.0\.0\.1: 1 failure within 60 s \(the last: hang-up after a prompt\): its calls are refused for 60 s \(penalty 1\)" "$work/err" ||
  fail "no penalty line"
grep -q "refused 1 call" "$work/err" || fail "the refusal is not logged"
[ "$(grep -c ': ABORTED' "$work/out")" -eq 1 ] || fail "the refused call must not be a dialog"
exit $status
