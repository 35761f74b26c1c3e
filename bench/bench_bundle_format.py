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
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BLOCK, ROOT, Table, blocks, measure  # noqa: E402

PASSPHRASE = "invented benchmark passphrase"
ENCRYPT_ROW = "age -r (encrypt, fed by a pipe)"
DECRYPT_ROW = "age -d (decrypt to /dev/null)"


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
    table = Table(size)

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
                    run = measure(command)
                    seconds, cpu = map(float, run.output.split())
                    table.record(f"hrcase {step} ({label})", seconds, run.rss_mib, cpu)
                bundle.unlink()
            encrypted = Path(folder) / "plain.age"
            run = measure(["age", "-r", str(identity.to_public()), "-o", str(encrypted)],
                          feed=blocks(size))
            table.record(ENCRYPT_ROW, run.seconds, run.rss_mib, run.cpu)
            with open(os.devnull, "wb") as null:
                run = measure(["age", "-d", "-i", str(key_file), str(encrypted)],
                              stdout=null.fileno())
            table.record(DECRYPT_ROW, run.seconds, run.rss_mib, run.cpu)
            encrypted.unlink()

    table.print(f"{size} MiB of synthetic attachment data, best of {args.repeat}")
    encrypt = table.ratios(ENCRYPT_ROW, "hrcase write (recipients)")
    decrypt = table.ratios(DECRYPT_ROW, "hrcase read (recipients)")
    print(f"\nhrcase / age throughput, recipients mode: encrypt {encrypt[0]:.2f}, decrypt "
          f"{decrypt[0]:.2f}; by CPU time: encrypt {encrypt[1]:.2f}, decrypt {decrypt[1]:.2f}\n"
          "(target: throughput >= 0.5; peak RSS < 300 MiB. age's encrypt CPU time leaves out the "
          "feeding of its pipe.)")


if __name__ == "__main__":
    main()
