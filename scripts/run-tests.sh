#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, then builds and runs every test -- a warnings-as-errors build,
# an ASan+UBSan build, a TSan build, a libFuzzer smoke run of each fuzz
# target (clang, ASan+UBSan), and the Windows builds (mingw-w64, x86-64 and
# x86) run under 64-bit and 32-bit Wine, then the Debian packages (built,
# lintian-checked, installed, used, removed) -- and fails on any failure,
# sanitizer report or fuzzer crash. Each build is a preset of
# CMakePresets.json (native, asan, tsan, fuzz, mingw, mingw32), so any of
# them can be rebuilt by hand the same way.
# RASSHOST_FUZZ_SECONDS (default 10) is each fuzz target's smoke time; 0
# skips the smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang for the fuzzers; mingw-w64 (posix threads, both machines) and Wine
# (64-bit, and 32-bit from the i386 architecture) for the Windows half,
# python3 for its serial test harness (docs/windows.md), telnet for the CLI
# test of a real telnet client, fail2ban to check the documented filter on
# real audit lines, systemd for systemd-analyze and systemd-socket-activate,
# scdoc and mandoc to build and lint the man pages, bash-completion (its .pc
# says where completions go), libpam-wrapper to run the PAM example's suite
# on a test stack without root, and for the Debian packages dpkg-dev
# (dpkg-shlibdeps for CPack), lintian, file and man-db (man -w).
scripts/install-deps.sh clang libclang-rt-14-dev g++-mingw-w64-x86-64-posix g++-mingw-w64-i686-posix wine64 wine \
  wine32:i386 python3 telnet fail2ban systemd scdoc mandoc bash-completion pkg-config libpam-wrapper \
  dpkg-dev lintian file man-db

jobs=$(nproc)
total_passed=0
total_failed=0
stage_started=$SECONDS
stage_done() {  # name: how long the stage since the last one took
  echo "=== $1: $(( SECONDS - stage_started )) s"
  stage_started=$SECONDS
}

# Configures and builds a preset (warnings as errors in every one); the
# compiler launcher, if any, comes from CMAKE_<LANG>_COMPILER_LAUNCHER in
# the environment, which CMake reads itself.
build_preset() {  # name preset build-dir [cmake --build argument ...]
  local name=$1 preset=$2 dir=$3
  shift 3
  echo "=== $name: configure and build ($dir)"
  cmake --preset "$preset" > "$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; echo "=== $name: CONFIGURE FAILED"; total_failed=$(( total_failed + 1 )); return 1; }
  cmake --build --preset "$preset" -j "$jobs" "$@" \
    || { echo "=== $name: BUILD FAILED"; total_failed=$(( total_failed + 1 )); return 1; }
}

run_suite() {  # name preset build-dir [ctest argument ...]
  local name=$1 preset=$2 dir=$3
  shift 3
  build_preset "$name" "$preset" "$dir" || return 1
  echo "=== $name: ctest"
  local log="$dir.ctest.log" status=0
  ctest --preset "$preset" -j "$jobs" "$@" 2>&1 | tee "$log" || status=1
  local line passed=0 failed=0
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1 || true)
  if [[ $line =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
    failed=${BASH_REMATCH[1]}
    passed=$(( BASH_REMATCH[2] - failed - $(grep -c -- '\*\*\*Skipped' "$log" || true) ))
  else
    echo "=== $name: ctest gave no summary"
    failed=1
    status=1
  fi
  total_passed=$(( total_passed + passed ))
  total_failed=$(( total_failed + failed ))
  return $status
}

# A script stage that counts its own checks and ends with the line
# "<summary>: N passed, M failed": run, logged, and its counts added.
run_counted_script() {  # summary log command [argument ...]
  local summary=$1 log=$2 line
  shift 2
  "$@" | tee "$log" || overall=1
  line=$(grep -E "^$summary: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1 || true)
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    total_passed=$(( total_passed + BASH_REMATCH[1] ))
    total_failed=$(( total_failed + BASH_REMATCH[2] ))
  else
    total_failed=$(( total_failed + 1 ))
    overall=1
  fi
}

overall=0
run_suite "native" native build || overall=1
stage_done "native"

# The sanitizer flags are the presets' (RASSHOST_SANITIZE,
# cmake/rasshost_sanitizers.cmake); their options, set by the presets too,
# are exported here for every program the script runs.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite "asan+ubsan" asan build-asan || overall=1
stage_done "asan+ubsan"

export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
run_suite "tsan" tsan build-tsan || overall=1
stage_done "tsan"

# libFuzzer smoke: each target in tests/fuzz for a bounded time, starting
# from its seed corpus (new inputs go to a scratch corpus, the seeds stay
# as committed). A crash, leak, timeout or failed check fails the run; the
# crashing input is kept as build-fuzz/<target>-crash-*.
run_fuzz_smoke() {
  local dir=build-fuzz seconds=${RASSHOST_FUZZ_SECONDS:-10}
  [ "$seconds" -gt 0 ] || return 0
  build_preset "fuzz smoke" fuzz "$dir" || return 1
  local status=0 source name log scratch execs
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    log="$dir/$name.log"
    scratch=$(mktemp -d)
    if "$dir/tests/fuzz/$name" -max_total_time="$seconds" -print_final_stats=1 -timeout=30 -rss_limit_mb=4096 \
         -artifact_prefix="$dir/$name-" "$scratch" "tests/fuzz/corpus/$name" > "$log" 2>&1; then
      execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
      echo "=== fuzz $name: passed, $execs executions in ${seconds} s"
      total_passed=$(( total_passed + 1 ))
    else
      tail -40 "$log"
      echo "=== fuzz $name: FAILED (log $log)"
      total_failed=$(( total_failed + 1 ))
      status=1
    fi
    rm -rf "$scratch"
  done
  return $status
}
run_fuzz_smoke || overall=1
stage_done "fuzz smoke"

# The Windows backend: cross-built with mingw-w64, every test run under Wine,
# for x86-64 and for x86 (what serves an NT4-era PE32 DLL). The Wine servers
# must run before the builds, whose test discovery already runs the test
# programs, and are stopped at the end.
unset ASAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS
mkdir -p build-win build-win32
scripts/wine-server.sh build-win > /dev/null
WINEARCH=win32 scripts/wine-server.sh build-win32 > /dev/null
trap 'scripts/wine-server.sh build-win --stop; WINEARCH=win32 scripts/wine-server.sh build-win32 --stop' EXIT
windows_summary() {  # name build-dir
  local skipped
  skipped=$(grep -c -- '\*\*\*Skipped' "$2.ctest.log" 2>/dev/null || true)
  echo "=== $1: ${skipped:-0} case(s) skipped under Wine:"
  grep -h '^SKIPPED under Wine' "$2/Testing/Temporary/LastTest.log" 2>/dev/null | sort | uniq -c || true
}
run_suite "windows (mingw-w64, Wine)" mingw build-win || overall=1
windows_summary windows build-win
stage_done "windows x86-64"

# The cases the 64-bit run took 3 s or more over (its CTestCostData) run
# once, there: the 32-bit run leaves them out (docs/windows.md).
slow_cases() {  # build-dir seconds: one regex per case
  local costs="$1/Testing/Temporary/CTestCostData.txt"
  [ -f "$costs" ] || return 0
  awk -v limit="$2" '$0 == "---" { exit } NF >= 3 && $NF + 0 >= limit + 0 { NF -= 2; print }' "$costs" \
    | sed -e 's/[][\\.*^$+?()|]/\\&/g' -e 's/^/^/' -e 's/$/$/'
}
slow_cases build-win 3 > build-win32/slow-cases.txt
exclude=()
[ -s build-win32/slow-cases.txt ] && exclude=(--exclude-regex "$(paste -sd '|' build-win32/slow-cases.txt)")
echo "=== windows x86: $(wc -l < build-win32/slow-cases.txt) slow case(s) left to the 64-bit run"
run_suite "windows x86 (mingw-w64 i686, 32-bit Wine)" mingw32 build-win32 "${exclude[@]}" || overall=1
windows_summary "windows x86" build-win32
stage_done "windows x86"

# Windows DLLs served from Linux: the native rasshost-serve given the PE
# DLLs both Windows builds made, as opaque binaries, under Wine.
echo "=== served PE DLLs (Linux rasshost-serve, Windows hosts under Wine)"
run_counted_script "served PE DLLs" served-pe-dlls.log tests/wine/served_pe_dlls.sh \
  build/tools/rasshost-serve/rasshost-serve build/tools/rasshost-chat/rasshost-chat build-win32 build-win build
stage_done "served PE DLLs"

# The Debian packages: built from a fresh deb preset build, checked by
# lintian, installed with dpkg, used (a consumer build, a dialog with the
# installed tools) and removed again, even on failure.
echo "=== Debian packages (build-deb; dpkg installs, then removes them)"
run_counted_script "debian packages" debian-packages.log tests/package/debian_packages.sh build-deb
stage_done "Debian packages"

echo
echo "all suites: $total_passed passed, $total_failed failed"
exit $overall
