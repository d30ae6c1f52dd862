#!/usr/bin/env python3
"""A person logs in with Debian's telnet client through rasshost-serve.

usage: telnet_session.py SERVE DLL PASSWORD_FILE

Starts `SERVE --dll DLL --port tcp:127.0.0.1:0 --once` (through
RASSHOST_TEST_EMULATOR when set: Wine for a cross build), runs
`telnet 127.0.0.1 PORT` on a pseudo-terminal, types the user name and the
password one key at a time, and checks what telnet printed on its terminal:
the password never appears, the user name appears once (the DLL's echo, not
the terminal's as well), and the dialog succeeds (exit 0). Exit 77 (skipped)
when there is no telnet client.
"""
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

USER, PASSWORD = b"alice", b"s3cret"
PATIENCE = 40  # seconds for any one step: Wine starts slowly


def wait_ready(server, err):
    """The port from rasshost-serve's "ready: tcp 127.0.0.1:PORT" log line."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        err.seek(0)
        found = re.search(rb"ready: tcp 127\.0\.0\.1:([0-9]+)", err.read())
        if found and found.group(1) != b"0":
            return int(found.group(1))
        if server.poll() is not None:
            break
        time.sleep(0.05)
    err.seek(0)
    sys.exit("rasshost-serve did not become ready:\n" + err.read().decode(errors="replace"))


def reap_telnet(pid):
    if not pid:
        return
    for _ in range(50):
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            return
        time.sleep(0.1)
    os.kill(pid, 9)
    os.waitpid(pid, 0)


class Terminal:
    """The master side of telnet's pty: everything it printed, in order."""

    def __init__(self, master):
        self.master = master
        self.screen = b""
        self.closed = False

    def pump(self, seconds):
        end = time.monotonic() + seconds
        while not self.closed and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # EIO: telnet exited and the slave is closed
                chunk = b""
            if not chunk:
                self.closed = True
            self.screen += chunk

    def wait_for(self, text, after=0):
        deadline = time.monotonic() + PATIENCE
        while text not in self.screen[after:] and not self.closed and time.monotonic() < deadline:
            self.pump(0.1)
        if text not in self.screen[after:]:
            sys.exit(f"never saw {text!r}; the terminal showed:\n{self.screen!r}")
        return self.screen.index(text, after) + len(text)

    def type(self, keys):
        """One key at a time, as a person types (Return is CR, as a terminal sends it)."""
        for key in keys:
            os.write(self.master, bytes([key]))
            self.pump(0.08)


def main():
    serve, dll, password_file = sys.argv[1:4]
    telnet = shutil.which("telnet")
    if telnet is None:
        print("no telnet client (Debian package telnet): skipped")
        return 77
    emulator = shlex.split(os.environ.get("RASSHOST_TEST_EMULATOR", ""))
    env = dict(os.environ, RASSHOST_PASSWORD_FILE=password_file, RASSHOST_EXAMPLE_TIMEOUT="30")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        server = subprocess.Popen(emulator + [serve, "--dll", dll, "--port", "tcp:127.0.0.1:0", "--once",
                                              "--dialog-timeout", "60"], stdout=out, stderr=err, env=env)
        try:
            port = wait_ready(server, err)
            pid, master = pty.fork()
            if pid == 0:
                os.environ["TERM"] = "dumb"
                os.execv(telnet, [telnet, "127.0.0.1", str(port)])
            terminal = Terminal(master)
            at = terminal.wait_for(b"Username: ")
            terminal.type(USER + b"\r")
            at = terminal.wait_for(b"Password: ", at)
            terminal.type(PASSWORD + b"\r")
            terminal.wait_for(b"Welcome.", at)
            terminal.pump(PATIENCE if not terminal.closed else 0)  # until telnet sees the hang-up
            status = server.wait(timeout=PATIENCE)
        finally:
            reap_telnet(locals().get("pid"))
            if server.poll() is None:
                server.kill()
                server.wait()
        out.seek(0)
        err.seek(0)
        print("--- telnet's terminal\n" + repr(terminal.screen))
        print("--- rasshost-serve stdout\n" + out.read().decode(errors="replace"))
        print("--- rasshost-serve stderr\n" + err.read().decode(errors="replace"))
    failures = []
    if PASSWORD in terminal.screen:
        failures.append("the password is on the caller's screen")
    if terminal.screen.count(USER) != 1:
        failures.append(f"the user name is on the screen {terminal.screen.count(USER)} times, not once")
    if status != 0:
        failures.append(f"rasshost-serve exited {status}, not 0 (SUCCESS)")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
