"""A full disk or a refused write during a change: one clear message, the vault unchanged.

Two ways to run out of room: RLIMIT_FSIZE in a child process (works anywhere; writes past the
limit fail with EFBIG, SIGXFSZ ignored), and a real small tmpfs when this machine lets us mount
one (root with CAP_SYS_ADMIN: writes fail with ENOSPC). Both must give StorageFull (exit 17),
leave the vault opening with the same passphrase, passing check, with the same records.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.vault import KdfParams, Vault

from ..helpers import ROOT, add_case, add_person, run_cli

PASSPHRASE = "disk full test passphrase"
FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)
CHILD = Path(__file__).resolve().parent / "diskfull_child.py"
MESSAGE = "The disk is full or refused to write."
TABLES = ("person", "person_name", "case", "attachment", "attachment_blob", "audit_entry")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("full") / "template.hrcase"
    vault, _ = Vault.create(path, PASSPHRASE, FAST)
    services = Services(vault, "t")
    add_case(services)
    for i in range(30):
        add_person(services, f"Existing Person {i}")
    vault.close()
    return path


def state(path: Path, passphrase: str = PASSPHRASE) -> dict[str, object]:
    """What a user would call the vault's content: row counts and the audit chain's head."""
    with Vault.open(path, passphrase) as vault:
        assert check_vault(vault).ok
        with vault.engine.connect() as conn:
            found: dict[str, object] = {t: conn.execute(text(f"SELECT count(*) FROM \"{t}\"")).scalar()
                                        for t in TABLES}
            found["head"] = conn.execute(text("SELECT hash FROM audit_entry ORDER BY seq DESC "
                                              "LIMIT 1")).scalar()
        found["content files"] = len(list(vault.content_dir.iterdir()))
    return found


def _limited(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("op,limit", [
    ("import-csv", 16 * 1024),     # the transaction's WAL frames do not fit
    ("attach", 1024 * 1024),       # fails after a few 1 MiB chunks
    ("create", 4096),              # the first WAL frame does not fit
    ("backup", 256 * 1024),        # fails while copying the store
    ("passwd", 200),               # the new slot file does not fit
])
def test_write_refused_mid_change_leaves_vault_unchanged(template: Path, tmp_path: Path,
                                                          op: str, limit: int) -> None:
    path = tmp_path / "v.hrcase"
    shutil.copytree(template, path)
    before = state(path)
    size = max(p.stat().st_size for p in path.iterdir() if p.name == "store.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRCASE_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, str(CHILD), op, str(path), PASSPHRASE,
                             str(size + limit if op == "attach" else limit),
                             str(tmp_path)], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.strip() == f"refused StorageFull: {MESSAGE} The change was not saved; " \
                                    "the vault is unchanged.", result.stderr[-2000:]
    assert state(path) == before  # same passphrase opens, check passes, same content
    assert sorted(p.name for p in path.iterdir()) == sorted(p.name for p in template.iterdir())
    assert not (tmp_path / "backup.hrcase").exists()
    assert not (tmp_path / "backup.hrcase.partial").exists()


def test_change_that_fits_but_whose_checkpoint_does_not_is_kept_and_checks_clean(
        template: Path, tmp_path: Path) -> None:
    """The commit fits in the WAL, the checkpoint on close cannot grow store.db: the change is
    kept (the WAL holds it) and ``check`` does not mistake the torn last page for damage."""
    path = tmp_path / "v.hrcase"
    shutil.copytree(template, path)
    persons = state(path)["person"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRCASE_")}
    env["PYTHONPATH"] = str(ROOT)
    limit = (path / "store.db").stat().st_size + 100_000
    result = subprocess.run([sys.executable, str(CHILD), "import-csv", str(path), PASSPHRASE,
                             str(limit), str(tmp_path)], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.stdout.strip() == "done", result.stderr[-2000:]
    assert (path / "store.db").stat().st_size % 4096 != 0  # the torn page is really there
    assert state(path)["person"] == persons + 400  # opens, check passes, the import is kept


def test_cli_import_on_a_full_disk_is_one_line_and_exit_17(template: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.hrcase"
    shutil.copytree(template, path)
    before = state(path)
    big = tmp_path / "many.csv"
    big.write_text("name,birth_year,nationality\n"
                   + "".join(f"Full Disk Person {i},1980,KZ\n" for i in range(400)))
    limit = (path / "store.db").stat().st_size + 16 * 1024
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRCASE_")}
    env.update(PYTHONPATH=str(ROOT), HRCASE_LANG="en", HRCASE_PASSPHRASE=PASSPHRASE)
    result = subprocess.run([sys.executable, "-m", "hrcase", "--vault", str(path), "import-records",
                             str(big)], capture_output=True, text=True, env=env, timeout=120,
                            preexec_fn=lambda: _limited(limit))
    assert result.returncode == 17, result.stderr
    assert result.stderr.strip().splitlines() == [f"hrcase: {MESSAGE} The change was not saved; "
                                                  "the vault is unchanged."]
    assert state(path) == before


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Path:
    """A 4 MiB tmpfs mounted for this test, if the machine allows it (root, CAP_SYS_ADMIN)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root; the RLIMIT_FSIZE tests cover this")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs; RLIMIT_FSIZE tests cover this")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_real_full_filesystem_enospc(template: Path, small_tmpfs: Path, tmp_path: Path) -> None:
    path = small_tmpfs / "v.hrcase"
    shutil.copytree(template, path)
    before = state(path)
    free = shutil.disk_usage(small_tmpfs).free
    with open(small_tmpfs / "filler", "wb") as filler:  # leave ~100 KiB
        filler.write(b"\0" * max(0, free - 100 * 1024))
    big = tmp_path / "many.csv"
    big.write_text("name,birth_year,nationality\n"
                   + "".join(f"Full Disk Person {i},1980,KZ\n" for i in range(400)))
    result = run_cli("--vault", str(path), "import-records", str(big), passphrase=PASSPHRASE)
    assert result.returncode == 17, result.stderr
    assert MESSAGE in result.stderr and "Traceback" not in result.stderr
    result = run_cli("--vault", str(path), "backup", "--out", str(small_tmpfs / "b.hrcase"),
                     passphrase=PASSPHRASE)
    assert result.returncode == 17, result.stderr
    assert not (small_tmpfs / "b.hrcase").exists()
    assert not (small_tmpfs / "b.hrcase.partial").exists()
    (small_tmpfs / "filler").unlink()
    assert state(path) == before
