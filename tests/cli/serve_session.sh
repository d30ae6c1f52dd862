#!/usr/bin/env bash
# Runs one rasshost-serve --once session and plays the remote user with
# rasshost-chat; checks the exit code and the outcome line.
#
# usage: serve_session.sh SERVE CHAT DLL KIND EXPECTED_EXIT EXPECTED_LINE_REGEX [ENV=VALUE ...] -- CHAT-SCRIPT...
#   KIND is tcp or pty. ENV=VALUE pairs are exported for rasshost-serve (the
#   DLL reads its configuration from the environment); the pair
#   SERVE_OPTIONS="--opt value ..." adds options to rasshost-serve's
#   command line, after the script's own (a repeated option's last value counts).
#   RASSHOST_TEST_EMULATOR: the words that run a cross-built program (Wine).
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
run=${RASSHOST_TEST_EMULATOR:-}
serve=$1 chat=$2 dll=$3 kind=$4 expected_exit=$5 expected_line=$6
shift 6
while [ $# -gt 0 ] && [ "$1" != "--" ]; do export "$1"; shift; done
[ "${1:-}" = "--" ] && shift

work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT

# The password DLL refuses a password file that group or others may write,
# or that another user owns (a checkout under umask 002 makes the one in
# data/ group-writable): then it gets a private copy.
if [ -n "${RASSHOST_PASSWORD_FILE:-}" ] && [ -f "$RASSHOST_PASSWORD_FILE" ]; then
  read -r mode owner < <(stat -c '%a %u' "$RASSHOST_PASSWORD_FILE")
  if (( (8#$mode & 8#022) != 0 )) || { [ "$owner" != "$(id -u)" ] && [ "$owner" != 0 ]; }; then
    install -m 600 "$RASSHOST_PASSWORD_FILE" "$work/passwords.txt"
    export RASSHOST_PASSWORD_FILE="$work/passwords.txt"
  fi
fi
case $kind in
  tcp) port_spec=tcp:127.0.0.1:0 ;;
  pty) port_spec=pty ;;
  *) echo "unknown kind $kind"; exit 2 ;;
esac

read -r -a serve_options <<< "${SERVE_OPTIONS:-}"
$run "$serve" --dll "$dll" --port "$port_spec" --once --dialog-timeout 30 "${serve_options[@]}" >"$work/out" 2>"$work/err" &
serve_pid=$!

# Wait (bounded) for the "ready:" log line that names the address.
target=$(serve_target "$serve_pid" "$work/err" "$kind") || exit 1

$run "$chat" "--$kind" "$target" --timeout 20 "$@"
chat_status=$?

serve_wait "$serve_pid"; serve_status=$?

echo "--- rasshost-serve stdout"; cat "$work/out"
echo "--- rasshost-serve stderr"; cat "$work/err"
echo "--- chat exit $chat_status, serve exit $serve_status (expected $expected_exit)"
[ "$serve_status" -eq "$expected_exit" ] || { echo "FAIL: exit code"; status=1; }
grep -Eq "$expected_line" "$work/out" || { echo "FAIL: no line matching /$expected_line/"; status=1; }
exit $status
