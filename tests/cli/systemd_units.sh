#!/usr/bin/env bash
# The shipped systemd units, as configured for this build's rasshost-serve,
# pass systemd-analyze verify with nothing to say: the tcp service, the
# socket and the service it starts, and the serial template for a line.
# usage: systemd_units.sh SYSTEMD-ANALYZE UNITS-DIR
set -uo pipefail
analyze=$1 units=$2
cd "$units" || exit 1
out=$("$analyze" verify --man=no rasshost-serve-tcp.service rasshost-serve.socket rasshost-serve.service \
        rasshost-serve@ttyS0.service 2>&1)
status=$?
printf '%s\n' "$out"
[ "$status" -eq 0 ] || { echo "FAIL: systemd-analyze verify exited $status"; exit 1; }
[ -z "$out" ] || { echo "FAIL: systemd-analyze verify had something to say"; exit 1; }
