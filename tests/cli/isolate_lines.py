#!/usr/bin/env python3
"""rasshost-serve --isolate on lines that carry one call at a time.

usage: isolate_lines.py SERVE DLL KIND [SERVE-OPTION ...]

KIND is pty, serial or stdio; DLL is tests/fixtures/crashing_dll (its
worker crashes when the caller answers "crash"). A caller crashes the
DLL; its dialog ends ABORTED with the signal logged and the caller is hung
up, and the host goes on to serve the same line to the next caller, who is
let in (stdio: a second run, the line being the host's own terminal).
Without --isolate among the options the crash takes the host down and the
test fails.
"""
import errno
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import tty

PATIENCE = 20  # seconds for any one step


def read_until(fd, marker, through_hangups=False):
    """Bytes from fd until `marker` was seen, the line hung up (b"" or EIO) or the patience ran out.
    through_hangups: a pty master whose slave is closed (EIO) waits for the next open instead."""
    seen = b""
    deadline = time.monotonic() + PATIENCE
    while marker not in seen and time.monotonic() < deadline:
        if not select.select([fd], [], [], 0.2)[0]:
            continue
        try:
            chunk = os.read(fd, 256)
        except OSError as error:
            if error.errno != errno.EIO:
                raise
            if through_hangups:
                time.sleep(0.05)
                continue
            chunk = b""
        if not chunk:
            break
        seen += chunk
    return seen


def wait_for(predicate, what):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise SystemExit(f"FAIL: {what}")


def start(serve, dll, port, options, work, **popen):
    err = open(os.path.join(work, "err"), "w+b")
    server = subprocess.Popen([serve, "--dll", dll, "--port", port, "--dialog-timeout", "30", *options],
                              stderr=err, **popen)
    return server, err


def stop(server):
    server.send_signal(signal.SIGTERM)
    return server.wait(timeout=PATIENCE)


def caller_on_pty(link, answer):
    """Opens the line's slave through its link, answers the prompt; what the caller saw."""
    fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    try:
        seen = read_until(fd, b"Name: ")
        if b"Name: " not in seen:
            raise SystemExit(f"FAIL: no prompt on the pty (got {seen!r})")
        os.write(fd, answer)
        return seen + read_until(fd, b"\0never")  # up to the hang-up
    finally:
        os.close(fd)


def run_pty(serve, dll, options, work):
    link = os.path.join(work, "line")
    out = open(os.path.join(work, "out"), "w+b")
    server, err = start(serve, dll, f"pty:link={link}", options, work, stdout=out)
    wait_for(lambda: os.path.islink(link), "the pty link did not appear")
    first = os.readlink(link)
    caller_on_pty(link, b"crash\r")
    # The crash hung that pty up: the next caller finds a fresh one at the link.
    wait_for(lambda: server.poll() is not None or (os.path.islink(link) and os.readlink(link) != first),
             "the host did not offer the line again")
    if server.poll() is not None:
        raise SystemExit(f"FAIL: the host ended (exit {server.returncode}) with the crash")
    caller_on_pty(link, b"carol\r")
    return stop(server), out, err


def run_serial(serve, dll, options, work):
    master, slave = os.openpty()
    device = os.ttyname(slave)
    os.close(slave)  # the host's open is the call; its last close the hang-up
    out = open(os.path.join(work, "out"), "w+b")
    server, err = start(serve, dll, f"serial:{device}", options, work, stdout=out)
    seen = read_until(master, b"Name: ", through_hangups=True)
    if b"Name: " not in seen:
        raise SystemExit(f"FAIL: no prompt on the serial line (got {seen!r})")
    os.write(master, b"crash\r")
    # The host hangs the line up and opens it again for the next call: a new prompt.
    seen = read_until(master, b"Name: ", through_hangups=True)
    if b"Name: " not in seen:
        raise SystemExit(f"FAIL: the line was not served again after the crash (got {seen!r})")
    os.write(master, b"carol\r")
    read_until(master, b"Name: ", through_hangups=True)  # carol's verdict, the hang-up and the next call's prompt
    code = stop(server)
    os.close(master)
    return code, out, err


def run_stdio_once(serve, dll, options, work, answer):
    server, err = start(serve, dll, "stdio", ["--once", *options], work, stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE)
    seen = read_until(server.stdout.fileno(), b"Name: ")
    if b"Name: " not in seen:
        raise SystemExit(f"FAIL: no prompt on stdio (got {seen!r})")
    server.stdin.write(answer)
    server.stdin.flush()
    code = server.wait(timeout=PATIENCE)
    err.seek(0)
    return code, err.read()


def check(log, pattern, what):
    if not re.search(pattern, log):
        print(f"FAIL: {what}")
        return False
    return True


def main():
    serve, dll, kind, options = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    # Under the sanitizers the crash must stay a SIGSEGV, not a sanitizer report and exit.
    for name in ("ASAN_OPTIONS", "TSAN_OPTIONS"):
        os.environ[name] = ":".join(filter(None, [os.environ.get(name), "handle_segv=0"]))
    crashed = rb'ABORTED .*crashed \(signal 11, SIGSEGV\)'
    with tempfile.TemporaryDirectory() as work:
        if kind == "stdio":
            code, log = run_stdio_once(serve, dll, options, work, b"crash\r")
            print(log.decode(errors="replace"))
            ok = check(log, crashed, "no ABORTED line with the signal") and code == 2
            code, log = run_stdio_once(serve, dll, options, work, b"carol\r")
            print(log.decode(errors="replace"))
            ok = check(log, rb'SUCCESS user "carol"', "carol was not let in") and code == 0 and ok
            return 0 if ok else 1
        code, out, err = (run_pty if kind == "pty" else run_serial)(serve, dll, options, work)
        out.seek(0)
        err.seek(0)
        log = out.read()
        print("--- stdout\n" + log.decode(errors="replace") + "--- stderr\n" + err.read().decode(errors="replace"))
        ok = check(log, crashed, "no ABORTED line with the signal")
        ok = check(log, rb'SUCCESS user "carol"', "carol was not let in") and ok
        if code != 0:
            print(f"FAIL: rasshost-serve exit {code} (expected 0 after SIGTERM)")
            ok = False
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
