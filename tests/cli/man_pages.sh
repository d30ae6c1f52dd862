#!/usr/bin/env bash
# The built man pages pass mandoc -Tlint at warning level (style notes
# aside), and each renders with a NAME section.
# usage: man_pages.sh MANDOC PAGE...
set -uo pipefail
mandoc=$1
shift
status=0
for page in "$@"; do
  if ! "$mandoc" -Tlint -W warning "$page"; then echo "FAIL: $page"; status=1; fi
  text=$("$mandoc" -Tascii "$page" | sed 's/.\x08//g')  # overstrike bold off
  grep -q '^NAME' <<< "$text" || { echo "FAIL: $page has no NAME"; status=1; }
done
echo "$# pages linted"
exit $status
