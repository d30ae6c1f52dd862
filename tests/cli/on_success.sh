#!/usr/bin/env bash
# rasshost-serve --on-success CMD: after SUCCESS the line goes to CMD (as
# mgetty hands a caller to pppd), which reads and writes it and sees the
# verdict in its environment; the host logs how CMD ended, and the dialog
# (its verdict line, the hang-up, End) ends only then.
# usage: on_success.sh SERVE CHAT DLL KIND   (KIND tcp or pty)
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
serve=$1 chat=$2 dll=$3 kind=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port_spec=tcp:127.0.0.1:0
[ "$kind" = pty ] && port_spec=pty

# A stand-in for pppd: greets with what it was told, answers one line, ends.
command='echo "hello $RASSHOST_USER/$RASSHOST_DOMAIN from ${RASSHOST_PEER:--} on $RASSHOST_PORT"
while read -r line; do case $line in *ping*) echo "pong"; break;; esac; done
sleep 0.5'
"$serve" --dll "$dll" --port "$port_spec" --once --on-success "$command" > "$work/out" 2> "$work/err" &
pid=$!
target=$(serve_target "$pid" "$work/err" "$kind") || exit 1
peer=127.0.0.1
[ "$kind" = pty ] && peer=-
"$chat" "--$kind" "$target" --timeout 20 "Name: " 'alice\r' "hello alice/ from $peer on $kind " 'ping\n' "pong" HANGUP \
  || fail "chat"
serve_wait "$pid" || fail "exit code $? (expected 0)"
grep -q ': SUCCESS user "alice": the line goes to --on-success (pid [0-9]*)' "$work/err" || fail "no hand-over line"
grep -q ': --on-success ended: exit status 0' "$work/err" || fail "no line on how CMD ended"
# The verdict line comes when the dialog ends: after CMD.
handed=$(grep -n 'the line goes to --on-success' "$work/err" | cut -d: -f1)
ended=$(grep -n 'on-success ended' "$work/err" | cut -d: -f1)
verdict=$(grep -n ': SUCCESS user "alice" domain "" error 0 (complete)' "$work/err" | cut -d: -f1)
[ -n "$handed" ] && [ -n "$ended" ] && [ -n "$verdict" ] && [ "$handed" -lt "$ended" ] && [ "$ended" -lt "$verdict" ] \
  || fail "order: handed over $handed, ended $ended, verdict $verdict"
grep -Eq 'audit verdict=SUCCESS .* duration=(0\.[5-9]|[1-9])' "$work/out" || fail "the dialog did not last until CMD ended"

# A host shut down while CMD runs: CMD gets SIGHUP, as from a hung-up line,
# and the host ends (0) once it has.
"$serve" --dll "$dll" --port "$port_spec" --on-success 'echo ready; exec sleep 60' > "$work/out2" 2> "$work/err2" &
pid=$!
target=$(serve_target "$pid" "$work/err2" "$kind") || exit 1
"$chat" "--$kind" "$target" --timeout 20 "Name: " 'alice\r' "ready" || fail "chat (shutdown)"
kill -TERM "$pid"
serve_wait "$pid" || fail "exit code $? after SIGTERM (expected 0)"
grep -q ': --on-success ended: signal 1$' "$work/err2" || fail "CMD not hung up at shutdown"
serve_dump "$work"
cat -v "$work/err2"
exit $status
