#!/usr/bin/env bash
# Starts Wine for a Windows cross build's tests: a persistent wineserver for
# the build's own prefix (BUILD_DIR/.wineprefix), then wineboot, before any
# test runs. Usage: scripts/wine-server.sh BUILD_DIR   (stop: ... BUILD_DIR --stop);
# WINEARCH=win32 in the environment for a 32-bit build (default win64).
#
# Why (measured, see docs/windows.md): without a running server every wine
# call starts and stops wineserver and its services (~2 s per test), and a
# test that starts them leaves them holding ctest's output pipe until its
# TIMEOUT. Started here, not daemonised (-f), the server never becomes a
# session leader, so a pty it opens for a COM port cannot make it the
# server's controlling terminal (no SIGHUP dump when the pty closes).
set -euo pipefail
mkdir -p "${1:?usage: $0 BUILD_DIR [--stop]}"
build_dir=$(cd "$1" && pwd)
export WINEPREFIX="$build_dir/.wineprefix" WINEARCH=${WINEARCH:-win64} WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY

if [ "${2:-}" = "--stop" ]; then
  wineserver -k 2>/dev/null || true
  exit 0
fi

mkdir -p "$WINEPREFIX"
wineserver -k 2>/dev/null || true
nohup wineserver -f -p > "$build_dir/wineserver.log" 2>&1 < /dev/null &
# wineboot: the prefix and its services, outside any ctest pipe.
wineboot -i > "$build_dir/wineboot.log" 2>&1 < /dev/null
echo "wine ready: WINEPREFIX=$WINEPREFIX"
