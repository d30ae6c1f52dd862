#!/usr/bin/env python3
"""rasshost-serve --port stdio --once --on-success CMD, as mgetty's
login.config starts it: the host's standard input and output are a terminal
(the slave of a pty this script holds the master of, as a modem line), and
after SUCCESS the same terminal goes to CMD, which reads and writes it.

usage: on_success_stdio.py SERVE DLL"""
import os
import select
import subprocess
import sys
import time


def expect(master, wanted, seen, deadline):
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([master], [], [], left)[0]:
            sys.exit(f"FAIL: expected {wanted!r}; the terminal showed {seen!r}")
        try:
            chunk = os.read(master, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            sys.exit(f"FAIL: the terminal closed before {wanted!r}; it showed {seen!r}")
        seen += chunk
    return seen


def main():
    serve, dll = sys.argv[1], sys.argv[2]
    master, slave = os.openpty()
    command = ('echo "hello $RASSHOST_USER on $RASSHOST_PORT"; '
               'while read -r line; do case $line in *ping*) echo pong; break;; esac; done')
    host = subprocess.Popen([serve, "--dll", dll, "--port", "stdio", "--once", "--on-success", command],
                            stdin=slave, stdout=slave, stderr=subprocess.PIPE, start_new_session=True)
    os.close(slave)
    deadline = time.monotonic() + 20
    seen = expect(master, b"Name: ", b"", deadline)
    os.write(master, b"alice\r")
    seen = expect(master, b"hello alice on stdio", seen, deadline)
    os.write(master, b"ping\n")
    seen = expect(master, b"pong", seen, deadline)
    code = host.wait(timeout=20)
    errors = host.stderr.read().decode(errors="replace")
    print(errors)
    if code != 0:
        sys.exit(f"FAIL: exit {code}, expected 0")
    for line in ("the line goes to --on-success", "--on-success ended: exit status 0", 'SUCCESS user "alice"'):
        if line not in errors:
            sys.exit(f"FAIL: no {line!r} on stderr")
    print("passed")


main()
