#!/usr/bin/env bash
# Runs rasshost-serve on a tcp (or pty) port, plays one or more calls with
# rasshost-chat, and checks the exit code and the lines on stdout/stderr.
#
# usage: serve_check.sh SERVE CHAT DLL [OPTION...] -- [CHAT-SCRIPT...]
#   --kind tcp|pty       the port (default tcp:127.0.0.1:0)
#   --arg ARG            one more rasshost-serve argument (repeat)
#   --env NAME=VALUE     exported for rasshost-serve (the DLL reads it)
#   --calls N            play the chat script N times in a row (default 1)
#   --terminate          SIGTERM the server once the (single) call got its
#                        first bytes, while the dialog is live
#   --stdout-closed      rasshost-serve's stdout is a pipe whose reader died
#   --exit N             the expected exit code (default 0); a server still
#                        running after the calls gets SIGTERM first
#   --out RE / --no-out RE   stdout must / must not have a line matching RE
#   --err RE / --err-once RE stderr must have a line / exactly one matching RE
#   --save-out FILE      keep a copy of rasshost-serve's stdout
#   RASSHOST_TEST_EMULATOR: the words that run a cross-built program (Wine).
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
run=${RASSHOST_TEST_EMULATOR:-}
serve=$1 chat=$2 dll=$3
shift 3
kind=tcp calls=1 terminate=0 stdout_closed=0 expected_exit=0 save_out=""
serve_args=() out=() no_out=() err=() err_once=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case $1 in
    --kind) kind=$2; shift ;;
    --arg) serve_args+=("$2"); shift ;;
    --env) export "$2"; shift ;;
    --calls) calls=$2; shift ;;
    --terminate) terminate=1 ;;
    --stdout-closed) stdout_closed=1 ;;
    --exit) expected_exit=$2; shift ;;
    --out) out+=("$2"); shift ;;
    --no-out) no_out+=("$2"); shift ;;
    --err) err+=("$2"); shift ;;
    --err-once) err_once+=("$2"); shift ;;
    --save-out) save_out=$2; shift ;;
    *) echo "serve_check.sh: unknown option $1"; exit 2 ;;
  esac
  shift
done
[ "${1:-}" = "--" ] && shift

work=$(mktemp -d)
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
case $kind in
  tcp) port_spec=tcp:127.0.0.1:0 ;;
  pty) port_spec=pty ;;
  *) echo "unknown kind $kind"; exit 2 ;;
esac

if [ "$stdout_closed" = 1 ]; then
  # The reader (true) exits at once: every write to stdout meets a broken pipe.
  $run "$serve" --dll "$dll" --port "$port_spec" "${serve_args[@]}" 2>"$work/err" > >(true) &
  serve_pid=$!
  : >"$work/out"
else
  $run "$serve" --dll "$dll" --port "$port_spec" "${serve_args[@]}" >"$work/out" 2>"$work/err" &
  serve_pid=$!
fi

target=$(serve_target "$serve_pid" "$work/err" "$kind") || exit 1

for call in $(seq 1 "$calls"); do
  if [ "$terminate" = 1 ]; then
    $run "$chat" "--$kind" "$target" --timeout 20 "$@" >"$work/chat" 2>&1 &
    chat_pid=$!
    for _ in $(seq 1 400); do [ -s "$work/chat" ] && break; sleep 0.05; done
    kill -TERM "$serve_pid"
    wait "$chat_pid"; chat_status=$?
    cat "$work/chat"
  else
    $run "$chat" "--$kind" "$target" --timeout 20 "$@"
    chat_status=$?
  fi
  echo "--- call $call: chat exit $chat_status"
  [ "$chat_status" -eq 0 ] || { echo "FAIL: call $call did not go as scripted"; status=1; }
done

# With --once the server exits by itself after the verdict; otherwise it
# serves until SIGTERM.
case " ${serve_args[*]} " in
  *" --once "*) for _ in $(seq 1 600); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.05; done ;;
esac
[ "$terminate" = 1 ] || kill -TERM "$serve_pid" 2>/dev/null  # a second SIGTERM could meet a server already exiting
serve_wait "$serve_pid"; serve_status=$?

# Windows' C runtime ends lines with CRLF: the line end only, not a CR
# inside a line, is dropped before matching.
sed -i 's/\r$//' "$work/out" "$work/err"
echo "--- rasshost-serve stdout"; cat -v "$work/out"
[ -z "$save_out" ] || cp "$work/out" "$save_out"
echo "--- rasshost-serve stderr"; cat -v "$work/err"
echo "--- serve exit $serve_status (expected $expected_exit)"
[ "$serve_status" -eq "$expected_exit" ] || { echo "FAIL: exit code"; status=1; }
for re in "${out[@]}"; do
  grep -Eq -- "$re" "$work/out" || { echo "FAIL: no stdout line matching /$re/"; status=1; }
done
for re in "${no_out[@]}"; do
  ! grep -Eq -- "$re" "$work/out" || { echo "FAIL: a stdout line matches /$re/"; status=1; }
done
for re in "${err[@]}"; do
  grep -Eq -- "$re" "$work/err" || { echo "FAIL: no stderr line matching /$re/"; status=1; }
done
for re in "${err_once[@]}"; do
  n=$(grep -Ec -- "$re" "$work/err")
  [ "$n" -eq 1 ] || { echo "FAIL: $n stderr lines match /$re/, expected 1"; status=1; }
done
exit $status
