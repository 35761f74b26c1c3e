"""A process whose files may not grow past a limit (RLIMIT_FSIZE): every write past it fails.

    python diskfull_child.py OP VAULT PASSPHRASE LIMIT_BYTES WORKDIR

SIGXFSZ is ignored, so an oversized write() returns EFBIG instead of killing the process, as a
full disk returns ENOSPC. The vault is opened first, then the limit is set, then one change is
tried. The child prints ``refused <ErrorClass>: <message>`` or ``done``.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import sys
from pathlib import Path

from hrcase.errors import HrcaseError
from hrcase.services import Services, records_io
from hrcase.vault import KdfParams, Vault

NEW_PASSPHRASE = "the passphrase the passwd change tries to set"


def change(op: str, vault: Vault, workdir: Path) -> None:
    services = Services(vault, "Disk test")
    if op == "import-csv":
        rows = "".join(f"Full Disk Person {i},1980,KZ\n" for i in range(400))
        records_io.import_persons_csv(vault, "name,birth_year,nationality\n" + rows, "t")
    elif op == "attach":
        services.attachments.add(io.BytesIO(os.urandom(3 * 1024 * 1024)), filename="big.bin")
    elif op == "create":
        services.records.create("case", {"title": {"en": "Too late"}})
    elif op == "backup":
        services.backup(workdir / "backup.hrcase")
    elif op == "passwd":
        vault.change_passphrase(NEW_PASSPHRASE, KdfParams(memory_kib=8192, iterations=1, lanes=1))
    else:
        raise SystemExit(f"unknown op {op}")


def main(op: str, path: Path, passphrase: str, limit: int, workdir: Path) -> None:
    vault = Vault.open(path, passphrase)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        change(op, vault, workdir)
    except HrcaseError as exc:
        print(f"refused {type(exc).__name__}: {exc}", flush=True)
        # The vault is still usable for reading after the refusal.
        Services(vault).records.count("person")
    else:
        print("done", flush=True)
    finally:
        vault.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
