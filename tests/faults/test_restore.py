"""docs/restore.md, step by step, with the commands it gives (run as a user would run them)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hrcase.services import Services
from hrcase.vault import KdfParams, Vault, VaultDamaged

from ..helpers import ROOT, add_case, add_person, run_cli

PASSPHRASE = "restore test passphrase"
NEW_PASSPHRASE = "passphrase after recovery"
FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)
DOC = ROOT / "docs" / "restore.md"
PAGE = 4096


def _persons(path: Path, passphrase: str = PASSPHRASE, **key: str) -> set[str]:
    with Vault.open(path, None if key else passphrase, **key) as vault:
        return {p.notes for p in Services(vault).records.list("person", limit=None)}


def _flip(file: Path, offset: int) -> None:
    data = bytearray(file.read_bytes())
    data[offset] ^= 0x5A
    file.write_bytes(bytes(data))


@pytest.fixture
def field(tmp_path: Path) -> tuple[Path, str]:
    """A vault with records, a backup made by ``hrcase backup``, then more records."""
    path = tmp_path / "field.hrcase"
    vault, recovery = Vault.create(path, PASSPHRASE, FAST)
    services = Services(vault, "Researcher")
    add_case(services)
    for i in range(40):
        services.records.create("person", {"notes": f"before backup {i}"})
    vault.close()
    result = run_cli("--vault", str(path), "backup", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    with Vault.open(path, PASSPHRASE) as vault:
        add_person(Services(vault, "Researcher"), "Entered After The Backup")
    return path, recovery


def test_the_doc_names_the_commands_tested_here() -> None:
    text = DOC.read_text()
    for command in ("check", "backup", "destroy", "recover", "passwd", "cp -a", "mv "):
        assert command in text
    assert "-backup-" in text and ".partial" in text and "before-migration-" in text


def test_restore_a_damaged_store_from_the_backup(field: tuple[Path, str]) -> None:
    path, _recovery = field
    store = path / "store.db"
    _flip(store, (store.stat().st_size // PAGE // 2) * PAGE + 200)  # a page in the middle
    # Step 1: check names the damage.
    result = run_cli("--vault", str(path), "check", passphrase=PASSPHRASE)
    assert result.returncode == 9 and "Traceback" not in result.stderr
    assert re.search(r"Encrypted page damaged: HMAC verification failed for page \d+", result.stdout)
    # Step 2: the backup is next to the vault, named as the doc says; a .partial is not one.
    (path.parent / "field-backup-20990101T000000Z.hrcase.partial").mkdir()
    backups = sorted(path.parent.glob("field-backup-*T*Z.hrcase"))
    assert len(backups) == 1
    # Step 3: check the backup.
    result = run_cli("--vault", str(backups[0]), "check", passphrase=PASSPHRASE)
    assert result.returncode == 0 and "The vault is intact." in result.stdout, result.stderr
    # Step 4: damaged vault aside, copy of the backup in place, check.
    path.rename(path.with_name("field.hrcase.damaged"))
    shutil.copytree(backups[0], path, symlinks=True)
    result = run_cli("--vault", str(path), "check", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stdout + result.stderr
    notes = _persons(path)
    assert {f"before backup {i}" for i in range(40)} <= notes
    assert backups[0].is_dir()  # the backup stays a backup
    # ... and the damaged copy is destroyed at the end.
    damaged = path.with_name("field.hrcase.damaged")
    result = run_cli("--vault", str(damaged), "destroy", "--yes-destroy", damaged.name)
    assert result.returncode == 0, result.stderr
    assert not damaged.exists()


def test_damaged_key_slots_are_replaced_from_a_backup_keeping_every_record(
        field: tuple[Path, str]) -> None:
    path, recovery = field
    slots = path / "keyslots.json"
    slots.write_bytes(slots.read_bytes()[:-40])  # torn
    result = run_cli("--vault", str(path), "check", passphrase=PASSPHRASE)
    assert result.returncode == 13
    assert "key slot file (keyslots.json) is missing or damaged" in result.stderr
    backup = next(path.parent.glob("field-backup-*.hrcase"))
    shutil.copy2(backup / "keyslots.json", slots)
    result = run_cli("--vault", str(path), "check", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(_persons(path)) == 41  # 40 before the backup, and the one entered after it
    Vault.open(path, recovery_key=recovery).close()


def test_key_slots_of_another_vault_are_refused_without_change(field: tuple[Path, str],
                                                               tmp_path: Path) -> None:
    path, _recovery = field
    other, _ = Vault.create(tmp_path / "other.hrcase", PASSPHRASE, FAST)
    other.close()
    shutil.copy2(other.path / "keyslots.json", path / "keyslots.json")
    before = (path / "store.db").read_bytes()
    with pytest.raises(VaultDamaged) as err:
        Vault.open(path, PASSPHRASE)
    assert "damaged and cannot be opened" in str(err.value)
    assert (path / "store.db").read_bytes() == before


def test_recovery_key_sets_a_new_passphrase(field: tuple[Path, str]) -> None:
    path, recovery = field
    result = run_cli("--vault", str(path), "recover",
                     env={"HRCASE_RECOVERY_KEY": recovery.lower().replace("-", " "),
                          "HRCASE_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert len(_persons(path, NEW_PASSPHRASE)) == 41
    assert len(_persons(path, recovery_key=recovery)) == 41  # still works afterwards
    result = run_cli("--vault", str(path), "recover",
                     env={"HRCASE_RECOVERY_KEY": "AAAAA-BBBBB", "HRCASE_NEW_PASSPHRASE": "x" * 12})
    assert result.returncode == 11 and "Wrong passphrase" in result.stderr
