"""Benchmark the bundle format against the ``age`` command-line tool.

Encrypts and decrypts SIZE MiB (default 1024) of synthetic attachment data through
``hrcase.services.bundle_format`` and through ``age``, each step in its own process so that its
peak RSS is its own, and prints a table. Encrypted files go to a temporary folder; decrypted data
is only counted. Besides wall time the table shows the CPU time (user + system) of the measured
step: on a shared machine the wall times of a single-threaded process suffer most from load,
and the CPU times show the work done. Usage::

    python bench/bench_bundle_format.py [--size-mib 1024] [--repeat 3] [--passphrase]

``--passphrase`` adds rows for the passphrase mode (scrypt at age's default work factor, which by
itself needs 256 MiB of memory for a moment, in age as here).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = 1024 * 1024
PASSPHRASE = "invented benchmark passphrase"
ENCRYPT_ROW = "age -r (encrypt, fed by a pipe)"
DECRYPT_ROW = "age -d (decrypt to /dev/null)"


def blocks(size_mib: int) -> Iterator[bytes]:
    """Synthetic attachment data: a fixed random MiB, each copy tagged with its index."""
    base = bytearray(hashlib.shake_256(b"hrcase bench").digest(BLOCK))
    for index in range(size_mib):
        base[:8] = index.to_bytes(8, "big")
        yield bytes(base)


def child(mode: str, size_mib: int, path: Path, key: str, passphrase: str | None) -> None:
    """One measured step inside its own process."""
    sys.path.append(str(ROOT))
    from hrcase.services import bundle_format as bf

    if mode == "write":
        digest = hashlib.sha256()
        for block in blocks(size_mib):
            digest.update(block)
        info = bf.PartInfo("video.mp4", "attachment", size_mib * BLOCK, digest.hexdigest())
        manifest = bf.Manifest(signer_fingerprint="ab" * 32,
                               signer_certificate_pem="-----BEGIN CERTIFICATE-----\nAA==\n")
        from pyrage import x25519
        recipients = [] if passphrase else [str(x25519.Identity.from_str(key).to_public())]
        start, cpu = time.perf_counter(), time.process_time()
        with open(path, "wb") as out:
            bf.write_bundle(out, manifest, [(info, lambda: blocks(size_mib))],
                            lambda data: b"benchmark signature", recipients, passphrase)
    else:
        start, cpu = time.perf_counter(), time.process_time()
        total = 0
        with open(path, "rb") as inp, bf.open_bundle(inp, [key], passphrase) as reader:
            reader.verify_signature(lambda cert, data, sig: sig == b"benchmark signature")
            for _info, chunks in reader.parts():
                for chunk in chunks:
                    total += len(chunk)
            reader.finish()
        assert total == size_mib * BLOCK
    print(time.perf_counter() - start, time.process_time() - cpu)


def measure(args: list[str], feed: Iterator[bytes] | None = None,
            stdout: int | None = subprocess.PIPE) -> tuple[float, float, float, str]:
    """Run a process; return wall seconds, its peak RSS in MiB, its CPU seconds and output."""
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
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--passphrase", action="store_true", help="also measure passphrase mode")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best time is shown")
    parser.add_argument("--child", nargs=4, metavar=("MODE", "PATH", "KEY", "PASSPHRASE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, path, key, passphrase = args.child
        child(mode, args.size_mib, Path(path), key, passphrase or None)
        return

    from pyrage import x25519
    identity = x25519.Identity.generate()
    size = args.size_mib
    best: dict[str, tuple[float, float, float]] = {}

    def record(name: str, seconds: float, rss: float, cpu: float) -> None:
        old = best.get(name, (float("inf"), 0.0, float("inf")))
        best[name] = (min(old[0], seconds), max(old[1], rss), min(old[2], cpu))

    with tempfile.TemporaryDirectory(prefix="hrcase-bench-") as folder:
        key_file = Path(folder) / "key.txt"          # an invented benchmark key
        key_file.write_text(str(identity) + "\n")
        key_file.chmod(0o600)
        modes = [("recipients", "")] + ([("passphrase", PASSPHRASE)] if args.passphrase else [])
        for _round in range(args.repeat):            # interleaved, best of N: the machine is shared
            for label, passphrase in modes:
                bundle = Path(folder) / f"bundle-{label}.age"
                for step in ("write", "read"):
                    command = [sys.executable, __file__, "--size-mib", str(size), "--child", step,
                               str(bundle), str(identity), passphrase]
                    _wall, rss, _cpu, output = measure(command)
                    seconds, cpu = map(float, output.split())
                    record(f"hrcase {step} ({label})", seconds, rss, cpu)
                bundle.unlink()
            encrypted = Path(folder) / "plain.age"
            seconds, rss, cpu, _ = measure(
                ["age", "-r", str(identity.to_public()), "-o", str(encrypted)], feed=blocks(size))
            record(ENCRYPT_ROW, seconds, rss, cpu)
            with open(os.devnull, "wb") as null:
                seconds, rss, cpu, _ = measure(["age", "-d", "-i", str(key_file), str(encrypted)],
                                               stdout=null.fileno())
            record(DECRYPT_ROW, seconds, rss, cpu)
            encrypted.unlink()

    print(f"\n{size} MiB of synthetic attachment data, best of {args.repeat}"
          f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n")
    print(f"{'step':34} {'seconds':>8} {'MiB/s':>8} {'CPU s':>7} {'peak RSS MiB':>13}")
    for name, (seconds, rss, cpu) in best.items():
        print(f"{name:34} {seconds:8.2f} {size / seconds:8.1f} {cpu:7.2f} {rss:13.1f}")
    for index, what in ((0, "throughput"), (2, "CPU-time")):
        ratio_enc = best[ENCRYPT_ROW][index] / best["hrcase write (recipients)"][index]
        ratio_dec = best[DECRYPT_ROW][index] / best["hrcase read (recipients)"][index]
        print(f"hrcase / age {what}, recipients mode: encrypt {ratio_enc:.2f}, decrypt "
              f"{ratio_dec:.2f}")
    print("(target: throughput >= 0.5; peak RSS < 300 MiB. age's encrypt CPU time leaves out the "
          "feeding of its pipe.)")

if __name__ == "__main__":
    main()
