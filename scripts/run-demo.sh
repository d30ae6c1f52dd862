#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: builds rasshost and the
# example password security DLL, adds a user, starts rasshost-serve on a
# TCP port for one dialog, and plays the remote user with rasshost-chat.
# Prints the dialog as the remote user saw it, the host's verdict line, its
# exit status and the transcript (the password masked).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh libsodium-dev libssl-dev

build=build-demo
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRASSHOST_BUILD_TESTS=OFF > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)" --target rasshost-serve rasshost-chat password_security rasshost-passwd

serve=$build/tools/rasshost-serve/rasshost-serve
chat=$build/tools/rasshost-chat/rasshost-chat
dll=$(find "$build/examples" -name 'libpassword_security.so' | head -1)
passwd=$(find "$build/examples" -name 'rasshost-passwd' -type f | head -1)

work=$(mktemp -d)
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export RASSHOST_PASSWORD_FILE=$work/passwords.txt
printf 'correct horse battery staple\n' | "$passwd" "$RASSHOST_PASSWORD_FILE" alice

echo "=== rasshost-serve --dll $dll --port tcp:127.0.0.1:0 --once"
"$serve" --dll "$dll" --port tcp:127.0.0.1:0 --once --transcript "$work/transcript.txt" \
  > "$work/serve.out" 2> "$work/serve.err" &
serve_pid=$!
address=""
for _ in $(seq 1 200); do
  address=$(sed -n 's/.*ready: tcp \([0-9.]*:[0-9]*\).*/\1/p' "$work/serve.err" | head -1)
  [ -n "$address" ] && break
  sleep 0.05
done
[ -n "$address" ] || { cat "$work/serve.err"; exit 1; }

echo "=== the remote user's terminal ($address)"
"$chat" --tcp "$address" "Username: " "alice\r" "Password: " "correct horse battery staple\r" HANGUP
status=0
wait "$serve_pid" || status=$?
serve_pid=""
echo
echo "=== rasshost-serve said"
cat "$work/serve.err" "$work/serve.out"
echo "=== exit status $status (0 = SUCCESS)"
echo "=== transcript (--transcript): the password is masked"
cat "$work/transcript.txt"
echo
echo "To play the remote user yourself: $serve --dll $dll --port stdio"
echo "or: $serve --dll $dll --port pty   (then: screen /dev/pts/N, the path it prints)"
exit "$status"
