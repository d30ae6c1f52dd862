#!/usr/bin/env bash
# rasshost-serve's bash completion offers its options, their values and
# port specs, as a user pressing Tab sees them.
# usage: bash_completion.sh COMPLETION-SCRIPT
set -uo pipefail
. "$1"
status=0
complete_words() {  # expected words... -- command line words (the last is being completed)
  local expected=() words
  while [ "$1" != "--" ]; do expected+=("$1"); shift; done
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  _rasshost_serve
  words="${COMPREPLY[*]}"
  [ "$words" = "${expected[*]}" ] || { echo "FAIL: ${COMP_WORDS[*]} -> [$words], expected [${expected[*]}]"; status=1; }
}
complete_words --log-level --log --list-ports -- rasshost-serve --l
complete_words warning -- rasshost-serve --log-level w
complete_words syslog -- rasshost-serve --log sy
complete_words stdio -- rasshost-serve --dll x.so --port st
complete_words tcp:127.0.0.1: tcp:0.0.0.0: -- rasshost-serve --port t
complete_words --dialog-timeout -- rasshost-serve --dia
complete_words -- rasshost-serve --dialog-timeout 1
exit $status
