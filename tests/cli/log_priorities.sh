#!/usr/bin/env bash
# rasshost-serve --log: each line's syslog priority as a "<N>" prefix, as
# journald reads it. syslog: always; auto (the default): when the stream is
# the one JOURNAL_STREAM names (device:inode, as systemd sets it); plain:
# never. One --once dialog per mode, stdout and stderr in files.
# usage: log_priorities.sh SERVE CHAT DLL
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
serve=$1 chat=$2 dll=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

session() {  # name JOURNAL_STREAM-value serve-options...
  local name=$1 journal=$2
  shift 2
  : > "$work/$name.out"; : > "$work/$name.err"
  [ "$journal" = "stderr" ] && journal=$(stat -c '%d:%i' "$work/$name.err")
  JOURNAL_STREAM=$journal "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --once "$@" \
    > "$work/$name.out" 2> "$work/$name.err" &
  local pid=$! target
  target=$(serve_target "$pid" "$work/$name.err") || return 1
  "$chat" --tcp "$target" "Name: " 'alice\r' HANGUP > /dev/null || fail "$name: chat"
  serve_wait "$pid" || fail "$name: exit $?"
}

# Every line prefixed: info <6>, the verdict and audit lines <5>.
expect_prefixed() {  # name
  grep -q '^<6>rasshost-serve: info: ready: tcp ' "$work/$1.err" || fail "$1: no <6> ready line"
  grep -vq '^<[0-7]>' "$work/$1.err" && fail "$1: a stderr line without a priority"
  grep -Eq '^<5>tcp [0-9.:]+: SUCCESS user "alice"' "$work/$1.out" || fail "$1: no <5> verdict line"
  grep -Eq '^<5>[0-9T:.Z-]+ rasshost-serve\[[0-9]+\]: audit verdict=SUCCESS' "$work/$1.out" || fail "$1: no <5> audit line"
}
expect_plain() {  # name
  grep -q '^<' "$work/$1.err" "$work/$1.out" && fail "$1: a priority where none belongs"
  grep -Eq '^tcp [0-9.:]+: SUCCESS user "alice"' "$work/$1.out" || fail "$1: no verdict line"
}

session syslog "" --log syslog && expect_prefixed syslog
session journal stderr && {
  # stderr is the journal's stream, stdout (another file) is not
  grep -q '^<6>rasshost-serve: info: ready: tcp ' "$work/journal.err" || fail "journal: no <6> ready line"
  grep -q '^<' "$work/journal.out" && fail "journal: stdout is not the journal's, yet prefixed"
}
session elsewhere "1:1" && expect_plain elsewhere
session plain stderr --log plain && expect_plain plain
session bad_value "x:y" && expect_plain bad_value

for name in syslog journal elsewhere plain bad_value; do
  [ "$status" -eq 0 ] && break
  echo "--- $name stdout"; cat "$work/$name.out" 2>/dev/null
  echo "--- $name stderr"; cat "$work/$name.err" 2>/dev/null
done
exit $status
