"""Helpers shared by the bundle benchmarks: synthetic data, measured child processes, the table.

Each measured step runs in its own process, so that its peak RSS (``ru_maxrss`` from
``os.wait4``) is its own. Besides wall time the table shows CPU time (user + system): on a
shared machine the wall time of a single-threaded process suffers most from load, the CPU time
shows the work done.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = 1024 * 1024


def blocks(count: int, seed: int = 0) -> Iterator[bytes]:
    """``count`` MiB of synthetic data: a fixed random MiB per seed, each copy tagged with its index."""
    base = bytearray(hashlib.shake_256(b"hrcase bench %d" % seed).digest(BLOCK))
    for index in range(count):
        base[:8] = index.to_bytes(8, "big")
        yield bytes(base)


@dataclass(frozen=True)
class Measured:
    """What one child process took."""

    seconds: float
    rss_mib: float
    cpu: float
    output: str


def measure(args: list[str], feed: Iterator[bytes] | None = None,
            stdout: int | None = subprocess.PIPE) -> Measured:
    """Run a process (feeding its stdin from ``feed``); its wall time, peak RSS, CPU time, output."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdin=subprocess.PIPE if feed is not None else subprocess.DEVNULL,
                            stdout=stdout)
    if feed is not None:
        assert proc.stdin is not None
        for block in feed:
            proc.stdin.write(block)
        proc.stdin.close()
    output = proc.stdout.read().decode() if proc.stdout is not None else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed with exit code {proc.returncode}")
    return Measured(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, output)


class Table:
    """The best (lowest) time and CPU time and the highest peak RSS of each step over rounds."""

    def __init__(self, size_mib: int) -> None:
        self.size_mib = size_mib
        self.rows: dict[str, tuple[float, float, float]] = {}

    def record(self, name: str, seconds: float, rss: float, cpu: float) -> None:
        old = self.rows.get(name, (float("inf"), 0.0, float("inf")))
        self.rows[name] = (min(old[0], seconds), max(old[1], rss), min(old[2], cpu))

    def ratios(self, age_row: str, hrcase_row: str) -> tuple[float, float]:
        """hrcase / age throughput by wall time and by CPU time (age's time over ours)."""
        age, ours = self.rows[age_row], self.rows[hrcase_row]
        return age[0] / ours[0], age[2] / ours[2]

    def print(self, title: str) -> None:
        print(f"\n{title} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n")
        print(f"{'step':40} {'seconds':>8} {'MiB/s':>8} {'CPU s':>7} {'CPU MiB/s':>9} "
              f"{'peak RSS MiB':>13}")
        for name, (seconds, rss, cpu) in self.rows.items():
            print(f"{name:40} {seconds:8.2f} {self.size_mib / seconds:8.1f} {cpu:7.2f} "
                  f"{self.size_mib / cpu:9.1f} {rss:13.1f}")

