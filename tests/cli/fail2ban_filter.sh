#!/usr/bin/env bash
# usage: fail2ban_filter.sh FAIL2BAN_REGEX FILTER EXPECTED_IPS SERVE_CHECK [ARG...]
# Runs serve_check.sh with its arguments, then fail2ban-regex with FILTER on
# rasshost-serve's stdout; passes when the addresses it finds are exactly
# EXPECTED_IPS (space-separated, in order).
set -uo pipefail
fail2ban_regex=$1 filter=$2 expected=$3 serve_check=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$serve_check" "${@:1:3}" --save-out "$work/out" "${@:4}" || exit 1
found=$("$fail2ban_regex" -o ip "$work/out" "$filter" | tr '\n' ' ' | sed 's/ $//')
echo "--- fail2ban-regex found: [$found], expected [$expected]"
[ "$found" = "$expected" ]
