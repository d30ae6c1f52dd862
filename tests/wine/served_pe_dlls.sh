#!/usr/bin/env bash
# Windows DLLs served from Linux: the Linux rasshost-serve given a PE DLL
# built by the 32-bit and the 64-bit Windows builds, which it hands to the
# Windows host of the DLL's machine under Wine. The DLLs are opaque binaries
# here; every case is an ordinary rasshost-serve command line.
#
# usage: served_pe_dlls.sh SERVE CHAT BUILD-WIN32 BUILD-WIN64 [NATIVE-BUILD]
#   SERVE, CHAT: the Linux rasshost-serve and rasshost-chat. BUILD-WIN*: the
#   Windows build trees (their bin/ holds the hosts and the DLLs).
#   NATIVE-BUILD: the Linux build tree of SERVE; given, it is installed to a
#   scratch prefix with the Windows hosts, and that install serves a DLL.
# Prints one line per case and "served PE DLLs: P passed, F failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
serve=$1 chat=$2 build32=$3 build64=$4 native_build=${5:-}
session=$here/../cli/serve_session.sh
. "$here/../cli/serve_lib.sh"  # serve_target: the address a host's "ready:" line names
data=$here/../cli/data

work=$(mktemp -d)
stop_wine() {
  local prefix
  for prefix in "$work"/state/rasshost/wine-*/; do
    [ -d "$prefix" ] && WINEPREFIX=$prefix wineserver -k 2> /dev/null
  done
  rm -rf "$work"
}
trap stop_wine EXIT
# The Windows hosts as a package installs them, and a state directory of
# this run's own: its Wine prefixes are made on first use.
for machine in x86:$build32 x86-64:$build64; do
  mkdir -p "$work/hosts/${machine%%:*}"
  cp "${machine#*:}/bin/rasshost-serve.exe" "${machine#*:}/bin/rasman.dll" "$work/hosts/${machine%%:*}/"
done
export RASSHOST_WINDOWS_HOSTS=$work/hosts XDG_STATE_HOME=$work/state
# The first case of each machine makes its prefix: Wine takes 5 to 20 s.
export RASSHOST_READY_SECONDS=90
unset WINEPREFIX WINEARCH DISPLAY

passed=0 failed=0
check() {  # name command...
  local name=$1
  shift
  if "$@" > "$work/case.log" 2>&1; then
    echo "PASS $name"
    passed=$(( passed + 1 ))
  else
    echo "FAIL $name"
    sed 's/^/    /' "$work/case.log"
    failed=$(( failed + 1 ))
  fi
}

# SIGTERM with a dialog in flight: every dialog ends with its End
# (audited as a shutdown) and the host exits 0.
sigterm_case() {  # dll
  local out=$work/sigterm.out
  "$serve" --dll "$1" --port tcp:127.0.0.1:0 > "$out" 2>&1 &
  local pid=$! target=""
  target=$(serve_target "$pid" "$out") || { kill "$pid"; return 1; }
  exec 3<>"/dev/tcp/${target%:*}/${target##*:}"
  for _ in $(seq 1 100); do grep -q 'Name: ' <(timeout 0.1 cat <&3) && break; done
  kill -TERM "$pid"
  wait "$pid"
  local status=$?
  exec 3<&-
  cat "$out"
  [ "$status" -eq 0 ] && grep -q 'audit verdict=ABORTED .* error=631 reason="shutdown"' "$out"
}

# --registry FILE.reg: imported into the prefix before the host starts.
registry_case() {  # dll wine-prefix
  local out=$work/registry.out target=""
  printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme\\Token]\r\n"Server"="radius.example.com"\r\n' \
    > "$work/acme.reg"
  "$serve" --dll "$1" --registry "$work/acme.reg" --port tcp:127.0.0.1:0 --once > "$out" 2>&1 &
  local pid=$!
  target=$(serve_target "$pid" "$out") || { kill "$pid"; return 1; }
  "$chat" --tcp "$target" "Name: " 'alice\r' HANGUP || { kill "$pid"; return 1; }
  wait "$pid" || return 1
  local value
  value=$(WINEPREFIX=$2 wine reg query 'HKLM\SOFTWARE\Acme\Token' /v Server 2>&1)
  echo "$value"
  [[ $value == *radius.example.com* ]]
}

password_env=(RASSHOST_PASSWORD_FILE=$data/passwords-pbkdf2.txt RASSHOST_EXAMPLE_TIMEOUT=20)
for machine in x86:$build32 x86-64:$build64; do
  name=${machine%%:*} bin=${machine#*:}/bin
  check "$name: a dialog over tcp succeeds" bash "$session" "$serve" "$chat" "$bin/greeter.dll" tcp 0 \
    'SUCCESS user "alice"' -- "Name: " 'alice\r' HANGUP
  check "$name: --log syslog: the verdict line with its priority" bash "$session" "$serve" "$chat" "$bin/greeter.dll" \
    tcp 0 '^<5>tcp [0-9.:]+: SUCCESS user "alice"' SERVE_OPTIONS="--log syslog" -- "Name: " 'alice\r' HANGUP
  check "$name: the caller hangs up, exit 2" bash "$session" "$serve" "$chat" "$bin/greeter.dll" tcp 2 \
    'ABORTED .*hang-up' -- "Name: " CLOSE
  check "$name: three wrong passwords, FAILURE and exit 1" bash "$session" "$serve" "$chat" \
    "$bin/password_security.dll" tcp 1 'FAILURE user "mallory"' "${password_env[@]}" -- \
    "Username: " 'alice\r' "Password: " 'wrong\r' 'Login incorrect.\r\nUsername: ' 'bob\r' "Password: " 'x\r' \
    'Login incorrect.\r\nUsername: ' 'mallory\r' "Password: " 's3cret\r' HANGUP
  check "$name: a DLL without the entry points is refused, naming its exports" bash "$here/../cli/expect_exit.sh" 2 \
    'without RasSecurityDialogBegin and RasSecurityDialogEnd, which a RAS server calls; it exports RasSecurityDialogGetInfo' \
    "$serve" --dll "$bin/rasman.dll" --port tcp:127.0.0.1:0 --once
  check "$name: SIGTERM ends the dialog in flight with its End, exit 0" sigterm_case "$bin/greeter.dll"
  # A caller who never answers: the DLL never completes, the dialog timeout ends it.
  check "$name: a DLL that never completes is ended by the dialog timeout, exit 2" bash "$session" "$serve" "$chat" \
    "$bin/greeter.dll" tcp 2 'ABORTED .*error 638 \(dialog timeout\)' SERVE_OPTIONS="--dialog-timeout 2" -- \
    "Name: " HANGUP
  # The Windows host dies with the DLL; the Linux host reports the dialog it left.
  check "$name: a DLL whose worker crashes: its dialog ABORTED (error 1067), exit 2" bash "$session" "$serve" "$chat" \
    "$bin/crashing_dll.dll" tcp 2 'ABORTED .*error 1067 \(crashed \(exception 0xC0000005 at 0x' -- \
    "Name: " 'crash\r' HANGUP
  check "$name: a DLL whose Begin crashes: its dialog ABORTED (error 1067), exit 2" bash "$session" "$serve" "$chat" \
    "$bin/crashing_dll.dll" tcp 2 'ABORTED .*error 1067 \(crashed' CRASHING_DLL_IN_BEGIN=1 -- "" HANGUP
  # --port pty: the caller's pty relayed to a COM port of the prefix.
  check "$name: a dialog over a pty (a COM port under Wine) succeeds" bash "$session" "$serve" "$chat" \
    "$bin/greeter.dll" pty 0 '^pty /dev/pts/[0-9]+: SUCCESS user "alice"' -- "Name: " 'alice\r' HANGUP
  check "$name: the caller hangs a pty up, exit 2" bash "$session" "$serve" "$chat" "$bin/greeter.dll" pty 2 \
    '^pty /dev/pts/[0-9]+: ABORTED .*hang-up' -- "Name: " CLOSE
done
check "x86: --registry FILE.reg is imported into the prefix" registry_case "$build32/bin/greeter.dll" \
  "$work/state/rasshost/wine-win32"
# Without --dll: the DLL the .reg file's DLLPath names, as RAS reads it.
dllpath_case() {  # dll
  printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\SecurityHost]\r\n"DLLPath"="%s"\r\n' \
    "${1//\\/\\\\}" > "$work/dllpath.reg"
  local out=$work/dllpath.out target=""
  "$serve" --registry "$work/dllpath.reg" --port tcp:127.0.0.1:0 --once > "$out" 2>&1 &
  local pid=$!
  target=$(serve_target "$pid" "$out") || { kill "$pid"; return 1; }
  "$chat" --tcp "$target" "Name: " 'alice\r' HANGUP || { kill "$pid"; cat "$out"; return 1; }
  wait "$pid" || { cat "$out"; return 1; }
  grep -q 'SUCCESS user "alice"' "$out"
}
check "x86: --registry alone serves the Windows DLL its DLLPath names" dllpath_case "$build32/bin/greeter.dll"
# A DLLPath in Windows form, as the old server's export has it: found in the
# prefix (C: is its drive_c), whatever the letter case.
windows_dllpath_case() {  # dll
  local system32=$work/state/rasshost/wine-win32/drive_c/WINNT/system32
  mkdir -p "$system32" && cp "$1" "$system32/Greeter.dll" && dllpath_case 'C:\WINNT\SYSTEM32\GREETER.DLL'
}
check "x86: a DLLPath in Windows form (C:\\WINNT\\...) is found in the prefix" windows_dllpath_case \
  "$build32/bin/greeter.dll"

# As installed: the Windows hosts in lib/rasshost/windows/ beside bin/.
installed_case() {  # native-build
  local prefix=$work/prefix out=$work/installed.out target="" status=0
  cmake -DRASSHOST_WINDOWS_HOST_X86="$build32/bin" -DRASSHOST_WINDOWS_HOST_X86_64="$build64/bin" "$1" > /dev/null \
    && cmake --install "$1" --prefix "$prefix" > /dev/null || status=1
  cmake -URASSHOST_WINDOWS_HOST_X86 -URASSHOST_WINDOWS_HOST_X86_64 "$1" > /dev/null
  [ "$status" -eq 0 ] && ls -R "$prefix/lib/rasshost/windows" || return 1
  env -u RASSHOST_WINDOWS_HOSTS "$prefix/bin/rasshost-serve" --dll "$build32/bin/greeter.dll" \
    --port tcp:127.0.0.1:0 --once > "$out" 2>&1 &
  local pid=$!
  target=$(serve_target "$pid" "$out") || { kill "$pid"; return 1; }
  "$chat" --tcp "$target" "Name: " 'alice\r' HANGUP || { kill "$pid"; cat "$out"; return 1; }
  wait "$pid" || { cat "$out"; return 1; }
  grep -q 'SUCCESS user "alice"' "$out"
}
if [ -n "$native_build" ]; then
  check "installed with the Windows hosts, rasshost-serve finds them beside itself" installed_case "$native_build"
fi

echo "served PE DLLs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
