"""Crypto-erase: ``destroy_vault`` and ``hrcase destroy``."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hrcase.services import Services
from hrcase.vault import KdfParams, NotAVault, Vault, VaultDamaged, VaultInUse, is_vault
from hrcase.vault.erase import DestroyNotConfirmed, destroy_vault, sibling_backups
from hrcase.vault.keyslots import KeySlots

from ..helpers import ROOT, add_person, run_cli

PASSPHRASE = "erase test passphrase"
FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)


@pytest.fixture
def vault_and_key(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "field.hrcase"
    vault, recovery = Vault.create(path, PASSPHRASE, FAST)
    add_person(Services(vault, "t"), "Person To Be Erased")
    Services(vault, "t").attachments.add(io.BytesIO(b"invented photo"), filename="p.jpg")
    vault.close()
    return path, recovery


def test_refuses_without_the_confirmation_and_touches_nothing(vault_and_key: tuple[Path, str]) -> None:
    path, _ = vault_and_key
    before = {p: p.read_bytes() for p in path.rglob("*") if p.is_file()}
    for wrong in ("", "yes", "FIELD.HRCASE", str(path), "field"):
        with pytest.raises(DestroyNotConfirmed):
            destroy_vault(path, wrong)
    assert {p: p.read_bytes() for p in path.rglob("*") if p.is_file()} == before
    assert any(p.parent.name == "attachments" for p in before)


def test_slots_are_overwritten_in_place_and_nothing_opens_any_more(
        vault_and_key: tuple[Path, str], tmp_path: Path) -> None:
    path, recovery = vault_and_key
    (path / "keyslots.json.new").write_bytes((path / "keyslots.json").read_bytes())  # interrupted passwd
    original = (path / "keyslots.json").read_bytes()
    # Hard links see the same blocks as the files: what a forensic copy of the disk would see.
    os.link(path / "keyslots.json", tmp_path / "seen-slots")
    os.link(path / "keyslots.json.new", tmp_path / "seen-slots-new")
    os.link(path / "store.db", tmp_path / "seen-store")
    report = destroy_vault(path, "field.hrcase")
    assert report.slot_files_overwritten == 2 and report.folder_removed
    assert not path.exists() and not is_vault(path)
    for seen in ("seen-slots", "seen-slots-new"):
        data = (tmp_path / seen).read_bytes()
        assert len(data) == len(original) and data != original
        with pytest.raises(VaultDamaged):
            KeySlots.from_bytes(data)
    # Even with the store and the recovery key, nothing opens: the slots are gone.
    path.mkdir()
    os.link(tmp_path / "seen-store", path / "store.db")
    os.link(tmp_path / "seen-slots", path / "keyslots.json")
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE)
    with pytest.raises(VaultDamaged):
        Vault.open(path, recovery_key=recovery)


def test_inner_backups_go_too_and_foreign_files_stay(vault_and_key: tuple[Path, str]) -> None:
    path, _ = vault_and_key
    with Vault.open(path, PASSPHRASE) as vault:
        Services(vault, "t").backup(path / "backups" / "before-migration-x.hrcase")
    (path / "my notes.txt").write_text("not hrcase's")
    report = destroy_vault(path, path.name)
    assert report.slot_files_overwritten == 2
    assert not report.folder_removed
    assert sorted(p.name for p in path.rglob("*")) == ["my notes.txt"]
    assert report.left_in_place == [path / "my notes.txt"]


def test_not_a_vault_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("mine")
    with pytest.raises(NotAVault):
        destroy_vault(folder, "documents")
    assert (folder / "letter.txt").exists()


def test_refused_while_another_process_has_the_vault_open(vault_and_key: tuple[Path, str]) -> None:
    path, _ = vault_and_key
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import time; from pathlib import Path; from hrcase.vault import Vault;"
         f"v=Vault.open(Path({str(path)!r}), {PASSPHRASE!r}); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = (path / "keyslots.json").read_bytes()
        with pytest.raises(VaultInUse):
            destroy_vault(path, path.name)
        assert (path / "keyslots.json").read_bytes() == before
        result = run_cli("--vault", str(path), "destroy", "--yes-destroy", path.name)
        assert result.returncode == 14 and "another" in result.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    destroy_vault(path, path.name)  # the killed holder's lock does not block
    assert not path.exists()


def test_cli_destroy_needs_no_passphrase_and_asks_for_the_name(vault_and_key: tuple[Path, str]) -> None:
    path, _ = vault_and_key
    result = run_cli("--vault", str(path), "destroy", input_text="not the name\n")
    assert result.returncode == 18 and path.exists()
    assert result.stderr.strip().endswith("the name typed is not the vault's folder name.")
    result = run_cli("--vault", str(path), "destroy", input_text="field.hrcase\n")
    assert result.returncode == 0, result.stderr
    assert "Destroyed" in result.stdout and not path.exists()


def _two_backups(path: Path) -> list[Path]:
    for stamp in ("20250101T000000Z", "20250102T000000Z"):
        with Vault.open(path, PASSPHRASE) as vault:
            Services(vault, "t").backup(path.with_name(f"field-backup-{stamp}.hrcase"))
    return sibling_backups(path)


def test_cli_destroy_names_the_backups_it_left(vault_and_key: tuple[Path, str]) -> None:
    path, _ = vault_and_key
    backups = _two_backups(path)
    assert len(backups) == 2
    result = run_cli("--vault", str(path), "destroy", "--yes-destroy", "field.hrcase")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Not destroyed, a backup of this vault") == 2
    assert all(backup.is_dir() for backup in backups)
    for backup in backups:  # as the message says: one by one
        result = run_cli("--vault", str(backup), "destroy", "--yes-destroy", backup.name)
        assert result.returncode == 0, result.stderr
    assert not list(path.parent.glob("field*"))


def test_cli_destroy_with_backups(vault_and_key: tuple[Path, str]) -> None:
    path, _ = vault_and_key
    _two_backups(path)
    result = run_cli("--vault", str(path), "destroy", "--yes-destroy", "field.hrcase",
                     "--with-backups")
    assert result.returncode == 0, result.stderr
    assert not list(path.parent.glob("field*"))
