"""Benchmark bundle export and import between two vaults, beside the ``age`` tool.

A vault A holds one case with FILES synthetic attachments of SIZE/FILES MiB each (default 4 x
256 MiB = 1 GiB); A exports the case to B's identity, B imports it. Each phase runs in its own
process (see ``_common``: wall time, CPU time, peak RSS); a phase's times start after the vault
is unlocked. For comparison (the issue's yardstick) ``age -r`` encrypts the same bytes from a
file into a file, as hrcase reads and writes files; ``age -d`` decrypting the bundle to
/dev/null is shown too. Both hrcase and age get their input from the page cache. Everything is
written to a temporary folder that is removed at the end; the people and keys are invented.
hrcase makes what it writes durable (``fsync`` of the bundle before it gets its name, of every
content file before its row commits); age does not, so a row "age -r, then its output synced to
disk" shows what that costs age.
Usage::

    python bench/bench_bundles.py [--size-mib 1024] [--files 4] [--repeat 1]

Targets (issue 6): hrcase at least half of age's throughput, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Table, blocks, measure  # noqa: E402

PASSPHRASE = "invented benchmark vault passphrase"
ENCRYPT_ROW = "age -r (encrypt a file into a file)"
DECRYPT_ROW = "age -d (decrypt bundle to /dev/null)"
SYNCED_ROW = "age -r, then its output synced to disk"
EXPORT_ROW = "hrcase bundle export"
IMPORT_ROW = "hrcase bundle import"


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
    """One measured phase inside its own process; prints its wall and CPU seconds as JSON.

    The vault is unlocked (Argon2id) before the clock starts: only the phase itself counts.
    """
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
        start, cpu = time.perf_counter(), time.process_time()
        for n in range(files):
            a.attachments.add(BlockStream(size_mib // files, n), filename=f"video-{n}.mp4",
                              owner_kind="case", owner_id=case.id)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        (folder / "case-id").write_text(case.id)
        with vault_b.reading() as session:
            (folder / "b.agekey").write_text(ids.active_identity(session).age_identity + "\n")
            (folder / "b.recipient").write_text(ids.active_identity(session).age_recipient)
        vault_a.close()
        vault_b.close()
    elif phase == "export":
        services = Services(Vault.open(a_path, PASSPHRASE), "Bench Researcher A")
        start, cpu = time.perf_counter(), time.process_time()
        bundles.export_bundle(services, [(folder / "case-id").read_text()],
                              ["Bench Researcher B"], bundle)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        services.vault.close()
    else:
        services = Services(Vault.open(b_path, PASSPHRASE), "Bench Researcher B")
        start, cpu = time.perf_counter(), time.process_time()
        preview = bundles.import_bundle(services, bundle)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert preview.applied and preview.attachments == files
        services.vault.close()
    print(json.dumps({"seconds": seconds, "cpu": cpu}))


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
    table = Table(size)

    def phase(name: str, folder: Path) -> tuple[float, float, float]:
        command = [sys.executable, __file__, "--size-mib", str(size), "--files",
                   str(args.files), "--child", name, str(folder)]
        run = measure(command)
        timing = json.loads(run.output.strip().splitlines()[-1])
        return timing["seconds"], run.rss_mib, timing["cpu"]

    base = Path(args.folder) if args.folder else None
    for _round in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="hrcase-bench-", dir=base) as name:
            folder = Path(name)
            table.record("vault: add attachments (setup)", *phase("setup", folder))
            table.record(EXPORT_ROW, *phase("export", folder))
            table.record(IMPORT_ROW, *phase("import", folder))
            recipient = (folder / "b.recipient").read_text()
            plain, encrypted = folder / "plain.bin", folder / "plain.age"
            with open(plain, "wb") as out:  # the same synthetic (invented) bytes
                for n in range(args.files):
                    for block in blocks(size // args.files, n):
                        out.write(block)
            run = measure([age, "-r", recipient, "-o", str(encrypted), str(plain)])
            table.record(ENCRYPT_ROW, run.seconds, run.rss_mib, run.cpu)
            synced = measure(["sync", str(encrypted)])  # what hrcase's fsync of its output costs
            table.record(SYNCED_ROW, run.seconds + synced.seconds, run.rss_mib,
                         run.cpu + synced.cpu)
            plain.unlink()
            encrypted.unlink()
            with open(os.devnull, "wb") as null:
                run = measure([age, "-d", "-i", str(folder / "b.agekey"),
                               str(folder / "case.hrbundle")], stdout=null.fileno())
            table.record(DECRYPT_ROW, run.seconds, run.rss_mib, run.cpu)

    table.print(f"{size} MiB of synthetic attachments in {args.files} files, best of {args.repeat}")
    export_wall, export_cpu = table.ratios(ENCRYPT_ROW, EXPORT_ROW)
    import_wall, import_cpu = table.ratios(ENCRYPT_ROW, IMPORT_ROW)
    decrypt_wall, decrypt_cpu = table.ratios(DECRYPT_ROW, IMPORT_ROW)
    synced_export, _cpu = table.ratios(SYNCED_ROW, EXPORT_ROW)
    synced_import, _cpu = table.ratios(SYNCED_ROW, IMPORT_ROW)
    peak = max(table.rows[EXPORT_ROW][1], table.rows[IMPORT_ROW][1])
    print(f"\nhrcase / age throughput: export {export_wall:.2f}, import {import_wall:.2f}; "
          f"by CPU time: export {export_cpu:.2f}, import {import_cpu:.2f} (target >= 0.5)\n"
          f"import beside age -d to /dev/null (which stores nothing): {decrypt_wall:.2f}, "
          f"by CPU time {decrypt_cpu:.2f}\n"
          f"beside age whose output is then synced to disk, as hrcase syncs the bundle and the "
          f"content files it writes: export {synced_export:.2f}, import {synced_import:.2f}\n"
          f"hrcase peak RSS {peak:.0f} MiB (target < 300 MB).")


if __name__ == "__main__":
    main()
