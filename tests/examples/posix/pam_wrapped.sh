#!/bin/sh
# Runs a command under pam_wrapper, PAM reading its service files from
# SERVICE_DIR instead of /etc/pam.d: the pam_security suite's test stack,
# without root. pam_wrapper's deep binding is turned off and ASan told not
# to insist on coming first, so the sanitizer builds run it too (Debian 12's
# pam_wrapper 1.1.4 reads the deep-binding switch under uid_wrapper's name).
# Usage: pam_wrapped.sh LIBPAM_WRAPPER SERVICE_DIR COMMAND [ARGUMENT ...]
set -eu
wrapper=$1
services=$2
shift 2
LD_PRELOAD="$wrapper${LD_PRELOAD:+ $LD_PRELOAD}" PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$services" \
  PAM_WRAPPER_DISABLE_DEEPBIND=1 UID_WRAPPER_DISABLE_DEEPBIND=1 ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
  exec "$@"
