# Shared by the rasshost-serve end-to-end scripts, which source it: finding
# the started host's line, stopping it, showing what it printed.
# The scripts keep the host's stdout in $work/out and stderr in $work/err.

status=0
fail() { echo "FAIL: $*"; status=1; }

# Under the sanitizers a crashing DLL must stay a SIGSEGV, not a sanitizer
# report and exit.
keep_segv() {
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
  export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}handle_segv=0"
}

# serve_target PID ERR [KIND]: waits (10 s at most, or
# RASSHOST_READY_SECONDS) for the host's "ready:"
# line in the file ERR and prints what a caller connects to: HOST:PORT for
# tcp (the default KIND), the slave's path for pty. Fails, showing ERR, if
# the host ends or never gets ready.
serve_target() {
  local pid=$1 err=$2 kind=${3:-tcp} target=""
  for _ in $(seq 1 $(( ${RASSHOST_READY_SECONDS:-10} * 20 ))); do
    if [ "$kind" = tcp ]; then
      target=$(sed -n 's/.*ready: tcp \([0-9.]*:[0-9]*\).*/\1/p' "$err" | head -1)
      [ -n "$target" ] && [ "${target##*:}" != 0 ] && break
    else
      target=$(sed -n 's/.*ready: pty \(\/dev\/[^ ]*\).*/\1/p' "$err" | head -1)
      [ -n "$target" ] && break
    fi
    target=""
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$target" ]; then
    echo "rasshost-serve did not become ready" >&2
    cat "$err" >&2
    return 1
  fi
  echo "$target"
}

# serve_wait PID: waits (30 s at most) for the host to end, then kills it
# (exit 137); its exit status.
serve_wait() {
  for _ in $(seq 1 600); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$1" 2>/dev/null && echo "rasshost-serve did not end: killed"
  wait "$1"
}

# serve_stop PID: SIGTERM, then serve_wait.
serve_stop() {
  kill -TERM "$1" 2>/dev/null
  serve_wait "$1"
}

# serve_dump WORK: what the host printed.
serve_dump() {
  echo "--- rasshost-serve stdout"; cat -v "$1/out"
  echo "--- rasshost-serve stderr"; cat -v "$1/err"
}

# at_prompt TARGET: connects descriptor 3 to the tcp TARGET, reads past the
# telnet offer (WILL ECHO, WILL SGA) and checks the greeter's "Name: ".
at_prompt() {
  local prompt=""
  exec 3<>"/dev/tcp/${1%:*}/${1##*:}" || { fail "cannot connect to $1"; return 1; }
  timeout 10 dd bs=1 count=6 status=none <&3 >/dev/null
  IFS= read -r -t 10 -n 6 prompt <&3
  [ "$prompt" = "Name: " ] || { fail "no prompt (got \"$prompt\")"; return 1; }
}
