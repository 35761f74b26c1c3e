"""SIGKILL in the middle of a large import: the vault opens, passes check, keeps everything
committed before the kill, and has nothing of the interrupted import (all or nothing)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.services import records_io
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import ROOT


def _csv(prefix: str, n: int) -> str:
    return "name,birth_year,nationality\n" + "".join(f"{prefix} {i},1970,KZ\n" for i in range(n))


IMPORTER = """
import sys
from pathlib import Path
from hrcase.vault import Vault
from hrcase.services import Services, records_io
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
text = Path(sys.argv[3]).read_text()
print("importing", flush=True)
records_io.import_persons_csv(vault, text, "killer")
print("done", flush=True)
"""


def test_sigkill_during_large_import(tmp_path: Path) -> None:
    path = tmp_path / "kill.hrcase"
    vault, _ = Vault.create(path, PASSPHRASE)
    records_io.import_persons_csv(vault, _csv("Committed", 300), "t")
    vault.close()
    big = tmp_path / "big.csv"
    big.write_text(_csv("Interrupted", 20000))
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(path), PASSPHRASE, str(big)],
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None and child.stdout.readline().strip() == "importing"
    time.sleep(1.5)  # well inside the import's single transaction
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Vault.open(path, PASSPHRASE) as again:
        services = Services(again)
        assert check_vault(again).ok
        assert services.records.count("person", text="Committed") == 300
        assert services.records.count("person", text="Interrupted") == 0
