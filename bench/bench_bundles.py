"""Benchmark bundle export and import between two vaults, beside the ``age`` tool.

A vault A holds one case with FILES synthetic attachments of SIZE/FILES MiB each (default 4 x
256 MiB = 1 GiB); A exports the case to B's identity, B imports it. Each phase runs in its own
process, whose peak RSS is read with ``os.wait4`` (``ru_maxrss``). For comparison ``age -r``
encrypts the same number of bytes fed by a pipe, and ``age -d`` decrypts the bundle to
/dev/null. Everything is written to a temporary folder that is removed at the end; the people
and keys are invented. Usage::

    python bench/bench_bundles.py [--size-mib 1024] [--files 4] [--repeat 1]

Targets (issue 6): hrcase at least half of age's throughput, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = 1024 * 1024
PASSPHRASE = "invented benchmark vault passphrase"


def blocks(count: int, seed: int = 0) -> Iterator[bytes]:
    """Synthetic attachment data: a fixed random MiB per seed, each copy tagged with its index."""
    base = bytearray(hashlib.shake_256(b"hrcase bench %d" % seed).digest(BLOCK))
    for index in range(count):
        base[:8] = index.to_bytes(8, "big")
        yield bytes(base)


class BlockStream(io.RawIOBase):
    """A readable stream over :func:`blocks` (so the vault streams it in, chunk by chunk)."""

    def __init__(self, count: int, seed: int) -> None:
        super().__init__()
        self._blocks = blocks(count, seed)
        self._view = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        while not self._view:
            block = next(self._blocks, None)
            if block is None:
                return 0
            self._view = memoryview(block)
        count = min(len(buffer), len(self._view))
        buffer[:count] = self._view[:count]
        self._view = self._view[count:]
        return count


def child(phase: str, folder: Path, size_mib: int, files: int) -> None:
    """One measured phase inside its own process; prints its own timing as JSON."""
    sys.path.insert(0, str(ROOT))
    os.umask(0o077)
    from hrcase.services import Services, bundles
    from hrcase.services import identities as ids
    from hrcase.vault import Vault

    a_path, b_path, bundle = folder / "a.hrcase", folder / "b.hrcase", folder / "case.hrbundle"
    if phase == "setup":
        vault_a, _ = Vault.create(a_path, PASSPHRASE)
        vault_b, _ = Vault.create(b_path, PASSPHRASE)
        a, b = Services(vault_a, "Bench Researcher A"), Services(vault_b, "Bench Researcher B")
        ids.create_identity(a, "Bench Researcher A")
        ids.create_identity(b, "Bench Researcher B")
        contact, _new = ids.add_contact(a, ids.identity_card(b).to_bytes())
        ids.verify_contact(a, contact.id, contact.fingerprint)
        contact, _new = ids.add_contact(b, ids.identity_card(a).to_bytes())
        ids.verify_contact(b, contact.id, contact.fingerprint)
        case = a.records.create("case", {"title": {"en": "Invented benchmark case"}})
        start = time.perf_counter()
        for n in range(files):
            a.attachments.add(BlockStream(size_mib // files, n), filename=f"video-{n}.mp4",
                              owner_kind="case", owner_id=case.id)
        seconds = time.perf_counter() - start
        (folder / "case-id").write_text(case.id)
        with vault_b.reading() as session:
            (folder / "b.agekey").write_text(ids.active_identity(session).age_identity + "\n")
            (folder / "b.recipient").write_text(ids.active_identity(session).age_recipient)
        vault_a.close()
        vault_b.close()
    elif phase == "export":
        services = Services(Vault.open(a_path, PASSPHRASE), "Bench Researcher A")
        start = time.perf_counter()
        bundles.export_bundle(services, [(folder / "case-id").read_text()],
                              ["Bench Researcher B"], bundle)
        seconds = time.perf_counter() - start
        services.vault.close()
    else:
        services = Services(Vault.open(b_path, PASSPHRASE), "Bench Researcher B")
        start = time.perf_counter()
        preview = bundles.import_bundle(services, bundle)
        seconds = time.perf_counter() - start
        assert preview.applied and preview.attachments == files
        services.vault.close()
    print(json.dumps({"seconds": seconds}))


def measure(args: list[str], feed: Iterator[bytes] | None = None,
            stdout: int | None = subprocess.PIPE) -> tuple[float, float, str]:
    """Run a process; return wall seconds, its peak RSS in MiB and its output."""
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
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args[0]} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024, help="attachment MiB in total")
    parser.add_argument("--files", type=int, default=4, help="number of attachments")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best time is shown")
    parser.add_argument("--folder", help="where to work (default: a new temporary folder)")
    parser.add_argument("--child", nargs=2, metavar=("PHASE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.size_mib, args.files)
        return
    age = shutil.which("age")
    if age is None:
        raise SystemExit("the age command-line tool is needed")
    size = args.size_mib // args.files * args.files
    rows: dict[str, tuple[float, float]] = {}

    def record(name: str, seconds: float, rss: float) -> None:
        old = rows.get(name, (float("inf"), 0.0))
        rows[name] = (min(old[0], seconds), max(old[1], rss))

    def phase(name: str, folder: Path) -> tuple[float, float]:
        command = [sys.executable, __file__, "--size-mib", str(size), "--files",
                   str(args.files), "--child", name, str(folder)]
        _wall, rss, output = measure(command)
        return json.loads(output.strip().splitlines()[-1])["seconds"], rss

    base = Path(args.folder) if args.folder else None
    for _round in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="hrcase-bench-", dir=base) as name:
            folder = Path(name)
            record("vault: add attachments (setup)", *phase("setup", folder))
            record("hrcase bundle export", *phase("export", folder))
            record("hrcase bundle import", *phase("import", folder))
            recipient = (folder / "b.recipient").read_text()
            encrypted = folder / "plain.age"
            seconds, rss, _ = measure([age, "-r", recipient, "-o", str(encrypted)],
                                      feed=(block for n in range(args.files)
                                            for block in blocks(size // args.files, n)))
            record("age -r (encrypt, fed by a pipe)", seconds, rss)
            encrypted.unlink()
            with open(os.devnull, "wb") as null:
                seconds, rss, _ = measure([age, "-d", "-i", str(folder / "b.agekey"),
                                           str(folder / "case.hrbundle")], stdout=null.fileno())
            record("age -d (decrypt bundle to /dev/null)", seconds, rss)

    print(f"\n{size} MiB of synthetic attachments in {args.files} files, best of {args.repeat} "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n")
    print(f"{'phase':40} {'seconds':>8} {'MiB/s':>8} {'peak RSS MiB':>13}")
    for name, (seconds, rss) in rows.items():
        print(f"{name:40} {seconds:8.2f} {size / seconds:8.1f} {rss:13.1f}")
    export_ratio = rows["age -r (encrypt, fed by a pipe)"][0] / rows["hrcase bundle export"][0]
    import_ratio = rows["age -d (decrypt bundle to /dev/null)"][0] / rows["hrcase bundle import"][0]
    peak = max(rows["hrcase bundle export"][1], rows["hrcase bundle import"][1])
    print(f"\nhrcase / age throughput: export {export_ratio:.2f}, import {import_ratio:.2f} "
          f"(target >= 0.5); hrcase peak RSS {peak:.0f} MiB (target < 300 MB)")


if __name__ == "__main__":
    main()
