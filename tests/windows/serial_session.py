#!/usr/bin/env python3
"""rasshost-serve.exe on a real Win32 COM port, under Wine.

The Linux side of a pty pair is the far end of the serial cable (the remote
user's modem); Wine's COMn is mapped to the slave ($WINEPREFIX/dosdevices/comN
symlink). The script plays the remote user: it expects text from the host
and types answers, or hangs up (closes the pty) mid-dialog. It then checks
rasshost-serve's exit code and outcome line.

usage: serial_session.py --prefix WINEPREFIX --com N --exit CODE --line REGEX
                         -- EMULATOR... SERVE --dll DLL [serve options]
       script steps via --expect TEXT / --send TEXT / --hangup, in order.
"""
import argparse
import os
import re
import select
import subprocess
import sys
import time
import tty


def read_until(master, text, timeout, seen):
    deadline = time.monotonic() + timeout
    while text not in seen[0]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"expected {text!r}, got {seen[0]!r}")
        ready, _, _ = select.select([master], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO until Wine has the slave open
            time.sleep(0.05)
            continue
        seen[0] += chunk.decode("latin-1")
    seen[0] = seen[0][seen[0].index(text) + len(text):]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--com", type=int, required=True)
    parser.add_argument("--exit", type=int, required=True, dest="expected_exit")
    parser.add_argument("--line", required=True)
    parser.add_argument("--expect", action="append", dest="steps", type=lambda t: ("expect", t))
    parser.add_argument("--send", action="append", dest="steps", type=lambda t: ("send", t))
    parser.add_argument("--hangup", action="append_const", dest="steps", const=("hangup", None))
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    master, slave = os.openpty()
    tty.setraw(slave)
    link = os.path.join(args.prefix, "dosdevices", f"com{args.com}")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(os.ttyname(slave), link)
    command = [part.replace("@COM@", f"COM{args.com}") for part in args.command]
    serve = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    status = 0
    try:
        seen = [""]
        for kind, text in args.steps or []:
            if kind == "expect":
                read_until(master, text.encode().decode("unicode_escape"), 20, seen)
                print(f"[got {text!r}]")
            elif kind == "send":
                os.write(master, text.encode().decode("unicode_escape").encode("latin-1"))
                print(f"[sent {text!r}]")
            else:
                os.close(master)
                os.close(slave)
                master = slave = -1
                print("[remote hung up]")
        out, err = serve.communicate(timeout=60)
    except Exception as error:  # a failed expectation: show what the host said
        print(f"FAIL: {error}")
        serve.kill()
        out, err = serve.communicate()
        status = 1
    finally:
        for fd in (master, slave):
            if fd >= 0:
                os.close(fd)
        os.unlink(link)
    out = out.decode(errors="replace")
    print("--- rasshost-serve stdout\n" + out)
    print("--- rasshost-serve stderr\n" + err.decode(errors="replace"))
    print(f"--- serve exit {serve.returncode} (expected {args.expected_exit})")
    if serve.returncode != args.expected_exit:
        print("FAIL: exit code")
        status = 1
    if not re.search(args.line, out):
        print(f"FAIL: no line matching /{args.line}/")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
