#!/usr/bin/env bash
# rasshost-serve under systemd's protocols, with systemd's own tool:
# systemd-socket-activate opens the listening socket and starts the host
# with it (LISTEN_FDS), as a .socket unit does; the host serves a dialog on
# it (--port systemd), and tells a notify socket (NOTIFY_SOCKET, as
# Type=notify sets it) READY=1, its dialogs in flight and STOPPING=1.
# usage: systemd_activation.sh SYSTEMD-SOCKET-ACTIVATE SERVE CHAT DLL
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
activate=$1 serve=$2 chat=$3 dll=$4
work=$(mktemp -d)
trap 'kill "$listener" "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# The notify socket: every datagram it receives, one per line.
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2], "w").close()
while True:
    data = s.recv(4096).decode("utf-8", "replace")
    with open(sys.argv[2], "a") as f:
        f.write(data.replace("\n", " | ") + "\n")
' "$work/notify" "$work/notified" &
listener=$!
for _ in $(seq 1 100); do [ -S "$work/notify" ] && break; sleep 0.05; done

# The DLL and --once from a configuration file, as the units give them.
printf '# as /etc/rasshost/rasshost-serve.conf\ndll %s\nonce\n' "$dll" > "$work/rasshost-serve.conf"
# A free port: another one if this one is taken.
for _ in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 20000 ))
  # (systemd-socket-activate passes the program only the variables -E names.)
  "$activate" -l "127.0.0.1:$port" -E "NOTIFY_SOCKET=$work/notify" \
    "$serve" --config "$work/rasshost-serve.conf" --port systemd > "$work/out" 2> "$work/err" &
  pid=$!
  # The socket listens before the host runs: the first caller starts it.
  for _ in $(seq 1 100); do
    grep -q "^Listening on" "$work/err" && break 2
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
done
"$chat" --tcp "127.0.0.1:$port" --timeout 20 "Name: " 'alice\r' HANGUP || fail "chat"
serve_wait "$pid" || fail "exit code $?"
sleep 0.2  # the last datagram on its way to the listener

grep -q 'SUCCESS user "alice"' "$work/out" || fail "no SUCCESS verdict"
grep -Eq "ready: tcp 127\\.0\\.0\\.1:$port" "$work/err" || fail "not serving the passed socket"
grep -q '^READY=1 | STATUS=listening on 1 port, no dialog in flight$' "$work/notified" || fail "no READY=1"
grep -q '^STATUS=1 dialog in flight$' "$work/notified" || fail "no status with the dialog in flight"
grep -q '^STATUS=0 dialogs in flight$' "$work/notified" || fail "no status after the dialog"
grep -q '^STOPPING=1' "$work/notified" || fail "no STOPPING=1"
echo "--- notified:"; cat "$work/notified"
echo "--- stdout:"; cat "$work/out"
echo "--- stderr:"; cat "$work/err"
exit $status
