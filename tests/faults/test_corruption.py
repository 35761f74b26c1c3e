"""Flipped bytes in the store (various pages), the key slots and an attachment's content file.

Opening never crashes: it succeeds or raises a typed HrcaseError (VaultDamaged, or
WrongPassphrase for a slot whose seal no longer opens). ``check`` names what is damaged: the
page, the part of the database, or the attachment. Backups made earlier restore cleanly
(tests/faults/test_restore.py follows docs/restore.md).
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from hrcase.errors import HrcaseError
from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.vault import KdfParams, Vault, VaultDamaged, WrongPassphrase

from ..helpers import add_case, add_person

PASSPHRASE = "corruption test passphrase"
FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)
PAGE = 4096


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """Records and a 2 MiB attachment (its content in a file of its own)."""
    path = tmp_path_factory.mktemp("corrupt") / "template.hrcase"
    vault, recovery = Vault.create(path, PASSPHRASE, FAST)
    services = Services(vault, "t")
    add_case(services)
    for i in range(60):
        add_person(services, f"Person Number {i}")
    attachment = services.attachments.add(io.BytesIO(os.urandom(2 * 1024 * 1024)),
                                          filename="evidence.bin")
    vault.close()
    return path, recovery, attachment.id


def _copy_with_flip(template: Path, tmp_path: Path, file: str, offset: int,
                    mask: int = 0xA5) -> Path:
    path = tmp_path / f"v{offset}.hrcase"
    shutil.copytree(template, path)
    data = bytearray((path / file).read_bytes())
    data[offset] ^= mask
    (path / file).write_bytes(bytes(data))
    return path


def test_first_page_damage_is_reported_on_open(template: tuple[Path, str, str],
                                               tmp_path: Path) -> None:
    path = _copy_with_flip(template[0], tmp_path, "store.db", 1000)
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE)


def test_damaged_pages_are_named_by_check(template: tuple[Path, str, str], tmp_path: Path) -> None:
    pages = (template[0] / "store.db").stat().st_size // PAGE
    rng = random.Random(7)
    chosen = sorted({1, 2, 5, pages // 4, pages - 1, *rng.sample(range(1, pages), 4)})
    for page in chosen:  # 0-based page index; SQLite numbers pages from 1
        path = _copy_with_flip(template[0], tmp_path, "store.db", page * PAGE + rng.randrange(PAGE))
        try:
            vault = Vault.open(path, PASSPHRASE)
        except VaultDamaged:
            continue  # a page opening needs (schema, migration table): damage told on open
        try:
            problems = check_vault(vault).problems
        finally:
            vault.close()
        assert f"Encrypted page damaged: HMAC verification failed for page {page + 1}" in problems


def test_damaged_attachment_content_is_named(template: tuple[Path, str, str],
                                             tmp_path: Path) -> None:
    path, _recovery, attachment_id = template
    [blob] = (path / "attachments").iterdir()
    for offset in (0, 9, 1024 * 1024 + 7, blob.stat().st_size - 1):  # magic, chunks, last tag
        damaged = _copy_with_flip(path, tmp_path, f"attachments/{blob.name}", offset)
        with Vault.open(damaged, PASSPHRASE) as vault:
            problems = check_vault(vault).problems
            with pytest.raises(HrcaseError):
                Services(vault).attachments.read(attachment_id)
            assert Services(vault).records.count("person") == 60  # the records are unharmed
        assert len(problems) == 1 and attachment_id in problems[0], problems
        shutil.rmtree(damaged)


def test_flipped_bytes_in_key_slots_never_crash(template: tuple[Path, str, str],
                                                tmp_path: Path) -> None:
    path, recovery, _attachment = template
    size = (path / "keyslots.json").stat().st_size
    outcomes: dict[str, int] = {}
    for offset in range(0, size, 23):  # one low bit: the text stays ASCII, often valid JSON
        damaged = _copy_with_flip(path, tmp_path, "keyslots.json", offset, mask=0x01)
        for key in ({"passphrase": PASSPHRASE}, {"recovery_key": recovery}):
            try:
                with Vault.open(damaged, **key) as vault:
                    assert check_vault(vault).ok  # opened: then with the right data key
                outcome = "opens"
            except (VaultDamaged, WrongPassphrase) as exc:
                outcome = type(exc).__name__
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        shutil.rmtree(damaged)
    assert outcomes.get("VaultDamaged", 0) > 0 and outcomes.get("WrongPassphrase", 0) > 0
