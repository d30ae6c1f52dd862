#!/usr/bin/env python3
"""What rasshost-serve --isolate costs per dialog against the in-process host.

usage: bench/isolate_cost.py SERVE DLL [N]

For each mode (in-process, --isolate) it starts rasshost-serve on
tcp:127.0.0.1:0 and measures
  - start-up latency: connect -> the DLL's first prompt, 200 dialogs one
    after another (each hung up after its prompt), median and p90;
  - memory: N dialogs open at once, each at its prompt. In-process: the
    host's RSS growth / N. Isolated: each child's RSS and PSS (PSS shares
    the pages of the program and libraries among the processes that map
    them) and private memory (pages no other process shares: what a dialog
    really adds), plus the host's own growth / N.
The DLL must send a prompt first (the greeter example's "Name: ").
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def kib(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def children(pid):
    """The children of every thread of pid (the host forks on its io thread)."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return found


def prompt(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(20)
    got = b""
    while not got.endswith(b": "):
        chunk = s.recv(64)
        if not chunk:
            raise RuntimeError("hang-up before the prompt")
        got += chunk
    return s


def start(serve, dll, isolate):
    args = [serve, "--dll", dll, "--port", "tcp:127.0.0.1:0", "--dialog-timeout", "60"]
    args += ["--isolate"] if isolate else []
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        m = re.search(r"ready: tcp 127\.0\.0\.1:(\d+)", line)
        if m:
            # the log goes on: keep reading it, or a full pipe would stall the host
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, int(m.group(1))
    raise RuntimeError("rasshost-serve did not start")


def wait_settled(host, isolate, expected):
    deadline = time.time() + 20
    while time.time() < deadline:
        if not isolate or len(children(host.pid)) == expected:
            return
        time.sleep(0.05)


def measure(serve, dll, isolate, n):
    host, port = start(serve, dll, isolate)
    try:
        prompt(port).close()  # warm-up
        wait_settled(host, isolate, 0)
        latencies = []
        for _ in range(200):
            t0 = time.perf_counter()
            s = prompt(port)
            latencies.append((time.perf_counter() - t0) * 1000)
            s.close()
        wait_settled(host, isolate, 0)
        time.sleep(0.3)
        base = kib(f"/proc/{host.pid}/status", "VmRSS")
        open_ = [prompt(port) for _ in range(n)]
        time.sleep(0.3)
        grown = kib(f"/proc/{host.pid}/status", "VmRSS") - base
        kids = children(host.pid)
        rss = [kib(f"/proc/{k}/status", "VmRSS") for k in kids]
        pss = [kib(f"/proc/{k}/smaps_rollup", "Pss") for k in kids]
        uss = [kib(f"/proc/{k}/smaps_rollup", "Private_Clean") + kib(f"/proc/{k}/smaps_rollup", "Private_Dirty")
               for k in kids]
        for s in open_:
            s.close()
        latencies.sort()
        return {
            "median_ms": statistics.median(latencies),
            "p90_ms": latencies[int(len(latencies) * 0.9)],
            "host_kib_per_dialog": grown / n,
            "children": len(kids),
            "child_rss_kib": statistics.mean(rss) if rss else 0,
            "child_pss_kib": statistics.mean(pss) if pss else 0,
            "child_uss_kib": statistics.mean(uss) if uss else 0,
        }
    finally:
        host.terminate()
        host.wait(timeout=60)


def main():
    serve, dll = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; N = {n} dialogs open at once")
    for isolate in (False, True):
        r = measure(serve, dll, isolate, n)
        name = "--isolate " if isolate else "in-process"
        line = (f"{name}: connect -> prompt median {r['median_ms']:.2f} ms, p90 {r['p90_ms']:.2f} ms; "
                f"host growth {r['host_kib_per_dialog']:.0f} KiB/dialog")
        if isolate:
            line += (f"; {r['children']} children, RSS {r['child_rss_kib']:.0f} KiB, "
                     f"PSS {r['child_pss_kib']:.0f} KiB, private {r['child_uss_kib']:.0f} KiB each")
        print(line)


if __name__ == "__main__":
    main()
