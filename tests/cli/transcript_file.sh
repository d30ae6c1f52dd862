#!/usr/bin/env bash
# rasshost-serve --transcript FILE (POSIX): a new file is created mode 0600
# whatever the umask, a symbolic link at the path is refused (exit 2, a
# message, its target untouched), an existing file is appended to and keeps
# its contents and mode; typed bytes are masked unless --transcript-input plain.
#
# usage: transcript_file.sh SERVE CHAT GREETER_DLL
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
serve=$1 chat=$2 dll=$3
work=$(mktemp -d)
serve_pid=""
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT

# One --once dialog over tcp: the greeter asks "Name: ", alice answers.
session() {
  # Emptied first, here: the host's own redirection may come after
  # serve_target has read the last session's "ready:" line.
  : >"$work/out"
  : >"$work/err"
  "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --once --dialog-timeout 30 "$@" >"$work/out" 2>"$work/err" &
  serve_pid=$!
  local target
  target=$(serve_target "$serve_pid" "$work/err") || { fail "rasshost-serve did not become ready"; return; }
  "$chat" --tcp "$target" --timeout 20 "Name: " "alice\\r" HANGUP >/dev/null
  serve_wait "$serve_pid"; local serve_status=$?
  serve_pid=""
  cat "$work/err"
  [ "$serve_status" -eq 0 ] || fail "session exit $serve_status"
}

echo "--- a new file: mode 0600 even under umask 000, typed bytes masked"
saved_umask=$(umask)
umask 000
session --transcript "$work/new.txt"
umask "$saved_umask"
mode=$(stat -c %a "$work/new.txt")
[ "$mode" = 600 ] || fail "new transcript has mode $mode, not 600"
cat "$work/new.txt"
grep -q '> Name: ' "$work/new.txt" || fail "the prompt is not in the transcript"
grep -q '< \*\*\*\*\*\\x0d' "$work/new.txt" || fail "the masked answer is not in the transcript"
grep -q alice "$work/new.txt" && fail "the typed name is in the transcript"

echo "--- a symbolic link: refused with exit 2, its target untouched"
echo "precious" >"$work/target"
ln -s "$work/target" "$work/link"
output=$(timeout 20 "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --once --transcript "$work/link" 2>&1)
code=$?
echo "$output"
[ "$code" -eq 2 ] || fail "exit $code for a symbolic link, not 2"
echo "$output" | grep -q "symbolic link" || fail "no message naming the symbolic link"
[ "$(cat "$work/target")" = precious ] || fail "the link's target was written to"
ln -s "$work/absent" "$work/dangling"
timeout 20 "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --once --transcript "$work/dangling" >/dev/null 2>&1
code=$?
[ "$code" -eq 2 ] || fail "exit $code for a dangling symbolic link, not 2"
[ -e "$work/absent" ] && fail "a dangling link's target was created"

echo "--- an existing file: appended to, not truncated, its mode kept"
printf 'earlier line\n' >"$work/old.txt"
chmod 640 "$work/old.txt"
session --transcript "$work/old.txt"
[ "$(head -1 "$work/old.txt")" = "earlier line" ] || fail "the existing file was truncated"
grep -q '> Name: ' "$work/old.txt" || fail "nothing was appended"
[ "$(stat -c %a "$work/old.txt")" = 640 ] || fail "the existing file's mode changed"

echo "--- --transcript-input plain: as typed, with a warning"
session --transcript "$work/plain.txt" --transcript-input plain
grep -q 'passwords and codes typed by remote users are written to the transcript in clear' "$work/err" ||
  fail "no warning for plain input"
grep -q '< alice\\x0d' "$work/plain.txt" || fail "plain input is not recorded as typed"
exit $status
