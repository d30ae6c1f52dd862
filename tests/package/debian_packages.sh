#!/usr/bin/env bash
# The Debian packages as a user meets them: built from a fresh "deb" preset
# build with CPack, checked by lintian (no errors), installed with dpkg -i,
# used -- examples/consumer built against /usr, one dialog with the
# installed rasshost-passwd, rasshost-serve (--dll by bare name) and
# rasshost-chat, the same through PAM with pam_security, the man pages and
# systemd units checked -- and removed
# again. dpkg runs through sudo unless this is root. Leaves no rasshost package installed, whatever
# fails (trap). Each check prints one ok/FAILED line; the last line is
# "debian packages: N passed, M failed", and the exit status 1 on a failure.
#
# usage: tests/package/debian_packages.sh [BUILD_DIR]   (default build-deb,
#   the deb preset's; the build directory is made afresh)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
source_dir=$PWD
build=${1:-build-deb}
packages=(librasshost0 librasshost-dev rasshost-tools rasshost-examples)
passed=0 failed=0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
work=$(mktemp -d)

check() {  # description command...: one ok/FAILED line; the output only on failure
  local what=$1
  shift
  if "$@" > "$work/check.log" 2>&1; then
    echo "ok: $what"
    passed=$(( passed + 1 ))
  else
    cat "$work/check.log"
    echo "FAILED: $what"
    failed=$(( failed + 1 ))
    return 1
  fi
}

installed_packages() {  # the rasshost packages dpkg has installed (or half-installed)
  dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null | awk '$2 ~ /^.[^n]/ { print $1 }'
}

remove_packages() {
  local present
  present=$(installed_packages)
  [ -z "$present" ] || $sudo dpkg --purge $present
}

finish() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null
  remove_packages > /dev/null 2>&1
  rm -rf "$work"
}
trap finish EXIT

build_packages() {
  rm -rf "$build"
  cmake --preset deb -B "$build" && cmake --build "$build" -j "$(nproc)" &&
    (cd "$build" && cpack -G DEB) && ls "$build"/*.deb
}

debs() { ls "$build"/*.deb 2>/dev/null; }

lintian_clean() {  # deb: no lintian error (warnings are listed, not failed on)
  lintian --fail-on error --no-tag-display-limit "$1"
}

install_packages() {
  remove_packages && $sudo dpkg -i $(debs) && [ "$(installed_packages | wc -l)" -eq ${#packages[@]} ]
}

# examples/consumer against /usr with no prefix path, as a DLL author
# building against the packages does; its program loads its DLL.
consumer() {
  cmake -S examples/consumer -B "$work/consumer" -G Ninja > /dev/null &&
    cmake --build "$work/consumer" &&
    "$work/consumer/load_greeter" "$work/consumer/libgreeter.so"
}

serving_address() {  # stderr-file: the address rasshost-serve ($serve_pid) says it is ready on
  local address
  for _ in $(seq 1 200); do
    address=$(sed -n 's/.*ready: tcp \([0-9.]*:[0-9]*\).*/\1/p' "$1" | head -1)
    [ -n "$address" ] && { echo "$address"; return 0; }
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.05
  done
  cat "$1" >&2
  return 1
}

# One dialog with the installed rasshost-serve, serving DLL by its bare name
# from /usr/lib/<multiarch>/rasshost (started through LAUNCHER ... if any),
# and rasshost-chat playing the caller's SCRIPT; SUCCESS for USER.
installed_dialog() {  # dll user [launcher ...] -- script ...
  local dll=$1 user=$2 launcher=() address status
  shift 2
  while [ "$1" != "--" ]; do launcher+=("$1"); shift; done
  shift
  (cd "$work" && exec "${launcher[@]}" /usr/bin/rasshost-serve --dll "$dll" --port tcp:127.0.0.1:0 --once \
     --dialog-timeout 30 > "$work/$dll.out" 2> "$work/$dll.err") &
  serve_pid=$!
  address=$(serving_address "$work/$dll.err") || return 1
  /usr/bin/rasshost-chat --tcp "$address" --timeout 20 "$@"
  wait "$serve_pid"
  status=$?
  serve_pid=
  cat "$work/$dll.out"
  [ "$status" -eq 0 ] && grep -q "SUCCESS user \"$user\"" "$work/$dll.out"
}

# The password example: a password file from the installed rasshost-passwd.
dialog() {
  export RASSHOST_PASSWORD_FILE=$work/passwords.txt
  printf 'correct horse battery staple\n' | /usr/bin/rasshost-passwd "$RASSHOST_PASSWORD_FILE" alice || return 1
  installed_dialog password_security alice -- "Username: " "alice\r" "Password: " "correct horse battery staple\r" \
    HANGUP
}

# The same through PAM: the installed pam_security, the shipped
# /etc/pam.d/rasshost in place, and PAM, under pam_wrapper, reading a
# pam_matrix stack from this script's directory instead of it.
pam_dialog() {
  local matrix services=$work/pam-services
  [ -f /etc/pam.d/rasshost ] || { echo "/etc/pam.d/rasshost is not installed"; return 1; }
  matrix="$(pkg-config --variable=modules pam_wrapper)/pam_matrix.so passdb=$services/passdb"
  mkdir -p "$services" && printf 'bob:hunter2:rasshost\n' > "$services/passdb" &&
    printf 'auth required %s\naccount required %s\n' "$matrix" "$matrix" > "$services/rasshost" || return 1
  installed_dialog pam_security bob \
    "$source_dir/tests/examples/posix/pam_wrapped.sh" "$(pkg-config --libs pam_wrapper)" "$services" -- \
    "Username: " "bob\r" "Password: " "hunter2\r" "Welcome." HANGUP
}

man_pages() {
  local page
  for page in rasshost-serve rasshost-chat rasshost-passwd rasshost rasshost-password_security rasshost-pam_security; do
    man -w "$page" || return 1
  done
}

# The installed units name /usr/bin/rasshost-serve and the man page; as
# tests/cli/systemd_units.sh checks the build's, from their own directory.
units() {
  local out
  out=$(cd /lib/systemd/system && systemd-analyze verify rasshost-serve-tcp.service rasshost-serve.socket \
          rasshost-serve.service rasshost-serve@ttyS0.service 2>&1) || { printf '%s\n' "$out"; return 1; }
  printf '%s\n' "$out"
  [ -z "$out" ]
}

removed() {
  remove_packages && [ -z "$(installed_packages)" ] && [ ! -e /usr/bin/rasshost-serve ] &&
    [ ! -e /usr/include/rasshost ] && [ ! -e /etc/pam.d/rasshost ] && ! ls /usr/lib/*/librasshost.so* > /dev/null 2>&1
}

if check "packages built (cmake --preset deb, cpack)" build_packages; then
  for deb in $(debs); do
    check "lintian $(basename "$deb")" lintian_clean "$deb" && grep -E '^[WI]: ' "$work/check.log" | sed 's/^/    /'
  done
  if check "dpkg -i ${packages[*]}" install_packages; then
    check "examples/consumer built against /usr" consumer
    check "dialog: rasshost-passwd, rasshost-serve --dll password_security, rasshost-chat" dialog
    check "dialog through PAM: rasshost-serve --dll pam_security, /etc/pam.d/rasshost" pam_dialog
    check "man -w finds the installed man pages" man_pages
    if command -v systemd-analyze > /dev/null; then
      check "systemd-analyze verify the installed units" units
    fi
  fi
  check "dpkg --purge: nothing of rasshost left" removed
fi
echo "debian packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
