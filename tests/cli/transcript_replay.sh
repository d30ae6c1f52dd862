#!/usr/bin/env bash
# A bug report becomes a regression test: a dialog recorded with
# --transcript (plain input, a test line) is turned into a script by
# rasshost-chat --from-transcript, and that script, played against a fresh
# host, gives the same verdict. The records carry times, and the dialog's
# open and close.
# usage: transcript_replay.sh SERVE CHAT DLL
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
serve=$1 chat=$2 dll=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

session() {  # out err serve-options... -- chat script...
  local out=$1 err=$2 options=() pid target
  shift 2
  while [ "$1" != "--" ]; do options+=("$1"); shift; done
  shift
  "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --once "${options[@]}" > "$out" 2> "$err" &
  pid=$!
  target=$(serve_target "$pid" "$err") || return 1
  "$chat" --tcp "$target" "$@" > /dev/null || fail "chat $*"
  serve_wait "$pid"
}

session "$work/out1" "$work/err1" --transcript "$work/t.txt" --transcript-input plain -- "Name: " 'alice\r' HANGUP
cat "$work/t.txt"
stamp='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z 0x[0-9a-f]+ '
grep -Eq "${stamp}open tcp 127\\.0\\.0\\.1:[0-9]+ peer=127\\.0\\.0\\.1$" "$work/t.txt" || fail "no open record"
grep -Eq "${stamp}> Name: $" "$work/t.txt" || fail "no timed prompt record"
grep -Eq "${stamp}close SUCCESS error 0 \\(complete\\)$" "$work/t.txt" || fail "no close record"

script=$("$chat" --from-transcript "$work/t.txt") || fail "--from-transcript"
echo "--- script: $script"
[ "$script" = "'Name: ' 'alice\\r' 'HANGUP'" ] || fail "unexpected script"
eval "set -- $script"
session "$work/out2" "$work/err2" -- "$@"
grep -q 'SUCCESS user "alice"' "$work/out2" || fail "the replay did not give the recorded verdict"

# A masked transcript gives a script that says so.
session "$work/out3" "$work/err3" --transcript "$work/masked.txt" -- "Name: " 'bob\r' HANGUP
"$chat" --from-transcript "$work/masked.txt" 2> "$work/warn" > /dev/null
grep -q "what the caller typed is masked" "$work/warn" || fail "no warning for a masked transcript"
exit $status
