#!/usr/bin/env bash
# rasshost-serve --dll NAME, NAME without a directory, from an install: the
# build tree's library, tools and examples components installed in a
# scratch prefix, then one dialog per spelling of the password DLL's name
# (the name, name.dll, libname.so), each found in <libdir>/rasshost beside
# the installed rasshost-serve; an unknown name still fails to load.
#
# usage: installed_dll.sh BUILD_DIR CHAT PASSWORD_FILE
set -uo pipefail
build=$1 chat=$2 password_file=$3
session=$(dirname "$(readlink -f "$0")")/serve_session.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

for component in library tools examples; do
  cmake --install "$build" --prefix "$work/prefix" --component "$component" > /dev/null || exit 1
done
serve=$work/prefix/bin/rasshost-serve
install -m 600 "$password_file" "$work/passwords.txt"
mkdir "$work/empty" && cd "$work/empty" || exit 1  # nothing here answers to the names
unset LD_LIBRARY_PATH

for name in password_security password_security.dll libpassword_security.so; do
  if bash "$session" "$serve" "$chat" "$name" tcp 0 'SUCCESS user "alice"' RASSHOST_PASSWORD_FILE="$work/passwords.txt" \
       -- "Username: " "alice\\r" "Password: " "s3cret\\r" HANGUP > "$work/session.log" 2>&1; then
    echo "ok: --dll $name"
  else
    cat "$work/session.log"
    echo "FAILED: --dll $name"
    status=1
  fi
done

output=$("$serve" --dll nonexistent_security --port tcp:127.0.0.1:0 2>&1)
code=$?
if [ "$code" -eq 2 ] && [[ $output == *"cannot load security DLL nonexistent_security"* ]]; then
  echo "ok: an unknown name fails to load"
else
  printf '%s\n' "$output"
  echo "FAILED: --dll nonexistent_security exited $code"
  status=1
fi
exit $status
