#!/usr/bin/env bash
# rasshost-serve --isolate --user nobody, run as root: the dialog's process
# runs as nobody, and so does the host once its port is open. Run by a user
# who is not root, --user is refused with a clear message.
#
# usage: isolate_user.sh SERVE CHAT DLL
set -uo pipefail
. "$(dirname "$0")/serve_lib.sh"
serve=$1 chat=$2 dll=$3
work=$(mktemp -d)
chmod 755 "$work"
trap 'kill "$serve_pid" 2>/dev/null; exec 3>&- 2>/dev/null; rm -rf "$work"' EXIT

if [ "$(id -u)" -ne 0 ]; then
  "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --isolate --user nobody 2>"$work/err"
  code=$?
  cat "$work/err"
  [ "$code" -eq 2 ] && grep -q "only root can run dialogs as another user" "$work/err" || fail "not refused"
  exit $status
fi
nobody_uid=$(id -u nobody)

# Not root: refused.
setpriv --reuid="$nobody_uid" --regid="$(id -g nobody)" --clear-groups \
  "$serve" --dll "$dll" --port tcp:127.0.0.1:0 --isolate --user nobody 2>"$work/refused"
code=$?
cat "$work/refused"
[ "$code" -eq 2 ] || fail "--user as a user who is not root: exit $code (expected 2)"
grep -q "only root can run dialogs as another user" "$work/refused" || fail "no clear message"

"$serve" --dll "$dll" --port tcp:127.0.0.1:0 --isolate --user nobody --dialog-timeout 30 >"$work/out" 2>"$work/err" &
serve_pid=$!
target=$(serve_target "$serve_pid" "$work/err") || exit 1
for _ in $(seq 1 200); do grep -q "running as nobody" "$work/err" && break; sleep 0.05; done

host_uid=$(awk '/^Uid:/ {print $2 "," $3 "," $4 "," $5}' "/proc/$serve_pid/status")
[ "$host_uid" = "$nobody_uid,$nobody_uid,$nobody_uid,$nobody_uid" ] || fail "host uids $host_uid, not nobody's"

at_prompt "$target"
child=$(pgrep -P "$serve_pid" | head -1)
[ -n "$child" ] || fail "no dialog process"
if [ -n "$child" ]; then
  child_uid=$(awk '/^Uid:/ {print $2 "," $3 "," $4 "," $5}' "/proc/$child/status")
  child_groups=$(awk '/^Groups:/ {$1=""; print}' "/proc/$child/status")
  echo "dialog process $child: uids $child_uid, groups$child_groups"
  [ "$child_uid" = "$nobody_uid,$nobody_uid,$nobody_uid,$nobody_uid" ] || fail "dialog process uids $child_uid"
  case " $child_groups " in *" 0 "*) fail "dialog process kept group root" ;; esac
fi
printf 'alice\r' >&3
timeout 10 cat <&3 >/dev/null || fail "no hang-up after the verdict"
exec 3>&-

serve_stop "$serve_pid"; serve_status=$?
serve_dump "$work"
[ "$serve_status" -eq 0 ] || fail "exit $serve_status"
grep -q 'SUCCESS user "alice"' "$work/out" || fail "the dialog did not complete"
exit $status
