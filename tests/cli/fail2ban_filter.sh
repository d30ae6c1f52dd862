#!/usr/bin/env bash
# usage: fail2ban_filter.sh FAIL2BAN_REGEX FILTER EXPECTED_IPS SERVE_CHECK [ARG...]
# Runs serve_check.sh with its arguments, then fail2ban-regex with FILTER on
# rasshost-serve's audit lines, as a log file has them and as the journal
# hands them to fail2ban; passes when the addresses it finds are exactly
# EXPECTED_IPS (space-separated, in order) both times, and none once the
# verdicts are made SUCCESS.
set -uo pipefail
fail2ban_regex=$1 filter=$2 expected=$3 serve_check=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$serve_check" "${@:1:3}" --save-out "$work/out" "${@:4}" || exit 1
found() {  # log: the addresses fail2ban-regex finds in it
  "$fail2ban_regex" -o ip "$1" "$filter" | tr '\n' ' ' | sed 's/ $//'
}
status=0
check() {  # what log expected
  local got
  got=$(found "$2")
  echo "--- $1: fail2ban-regex found [$got], expected [$3]"
  [ "$got" = "$3" ] || status=1
}
grep ' audit ' "$work/out" > "$work/audit"
check "the host's audit lines" "$work/audit" "$expected"
# As the journal backend hands them over: the journal's host and identifier
# first (fail2ban takes the time from the journal; here the leading time,
# which fail2ban-regex strips, stands for it).
sed 's/^\([^ ]*\) \(rasshost-serve\[[0-9]*\]:\)/\1 myhost \2 \1 \2/' "$work/audit" > "$work/journal"
check "the same lines from the journal" "$work/journal" "$expected"
# The same dialog, had it succeeded: nothing to ban.
sed 's/verdict=FAILURE/verdict=SUCCESS/; s/verdict=ABORTED/verdict=SUCCESS/' "$work/audit" > "$work/success"
check "a success" "$work/success" ""
exit $status
