"""The encrypted vault: key slots, wrong passphrase vs damage, locking, permissions, backup."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from hrcase.domain.models import AttachmentBlob
from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.vault import attachments as content
from hrcase.vault import (NotAVault, Vault, VaultDamaged, VaultExists, VaultInUse, VaultLocked,
                          WrongPassphrase)
from hrcase.vault.keyslots import KeySlots
from hrcase.vault.layout import SLOTS_FILE, STORE_FILE

from .conftest import PASSPHRASE
from .helpers import ROOT, add_person


def test_create_and_reopen_with_passphrase_and_recovery_key(vault_path: Path) -> None:
    vault, recovery = Vault.create(vault_path, PASSPHRASE)
    add_person(Services(vault, "t"), "Айгуль Серикова")
    vault.close()
    assert len(recovery.replace("-", "")) == 40  # 200 bits in 8 groups of 5
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert Services(again).records.count("person") == 1
    with Vault.open(vault_path, recovery_key=recovery.lower().replace("-", " ")) as again:
        assert Services(again).records.count("person") == 1


def test_key_slots_store_argon2id_parameters(vault: Vault) -> None:
    doc = json.loads((vault.path / SLOTS_FILE).read_text())
    kdf = doc["slots"][0]["kdf"]
    assert kdf["name"] == "argon2id"
    assert kdf["memory_kib"] >= 65536 and kdf["iterations"] >= 3 and kdf["lanes"] >= 4
    assert {s["kind"] for s in doc["slots"]} == {"passphrase", "recovery"}


def test_wrong_passphrase_is_told_apart_from_damage(vault: Vault) -> None:
    path = vault.path
    vault.close()
    before = _digest_tree(path)
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.open(path, recovery_key="AAAAA-AAAAA")
    assert _digest_tree(path) == before  # nothing was changed
    store = path / STORE_FILE
    data = bytearray(store.read_bytes())
    data[100] ^= 0xFF  # damage the first page
    store.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE)
    with pytest.raises(WrongPassphrase):  # a wrong passphrase is still reported as such
        Vault.open(path, "not the passphrase")


def test_truncated_store_and_damaged_slots_are_damage(vault: Vault) -> None:
    path = vault.path
    vault.close()
    slots = (path / SLOTS_FILE).read_bytes()
    (path / SLOTS_FILE).write_bytes(slots[: len(slots) // 2])
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE)
    (path / SLOTS_FILE).write_bytes(slots)
    store = path / STORE_FILE
    store.write_bytes(store.read_bytes()[:100])
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE)


def test_not_a_vault(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(NotAVault):
        Vault.open(tmp_path, PASSPHRASE)
    with pytest.raises(NotAVault):
        Vault.open(tmp_path / "missing", PASSPHRASE)
    with pytest.raises(VaultExists):
        Vault.create(tmp_path, PASSPHRASE)


def test_changing_passphrase_rewraps_without_rewriting_store(vault: Vault) -> None:
    path = vault.path
    vault.close()
    store_digest = hashlib.sha256((path / STORE_FILE).read_bytes()).hexdigest()
    reopened = Vault.open(path, PASSPHRASE)
    reopened.change_passphrase("a new long passphrase")
    reopened.close()
    assert hashlib.sha256((path / STORE_FILE).read_bytes()).hexdigest() == store_digest
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE)
    Vault.open(path, "a new long passphrase").close()


def test_store_is_standard_sqlcipher4_with_raw_key(vault: Vault) -> None:
    add_person(Services(vault, "t"), "Interop Person")
    key = bytes(vault.data_key)
    path = vault.path
    vault.close()
    conn = sqlcipher.connect(str(path / STORE_FILE))
    conn.execute("PRAGMA key = \"x'%s'\"" % key.hex())
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert conn.execute("SELECT text FROM person_name").fetchone()[0] == "Interop Person"
    conn.close()
    assert b"SQLite format 3" not in (path / STORE_FILE).read_bytes()[:16]


def test_files_are_private(vault: Vault) -> None:
    add_person(Services(vault, "t"), "Private Person")
    Services(vault, "t").attachments.add(io.BytesIO(b"invented"), filename="a.txt")
    assert stat.S_IMODE(vault.path.stat().st_mode) == 0o700
    assert stat.S_IMODE(vault.content_dir.stat().st_mode) == 0o700
    for item in [*vault.path.iterdir(), *vault.content_dir.iterdir()]:
        if item.is_file():
            assert stat.S_IMODE(item.stat().st_mode) == 0o600, item.name


def test_locked_vault_refuses_work(vault: Vault) -> None:
    services = Services(vault, "t")
    vault.close()
    assert not vault.is_open
    with pytest.raises(VaultLocked):
        services.records.count("person")
    with pytest.raises(VaultLocked):
        _ = vault.data_key


def test_second_process_gets_lock_message_and_stale_lock_recovers(vault: Vault) -> None:
    path = vault.path
    vault.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from pathlib import Path; from hrcase.vault import Vault;"
         f"v=Vault.open(Path({str(path)!r}), {PASSPHRASE!r}); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(VaultInUse) as err:
            Vault.open(path, PASSPHRASE)
        assert "another" in str(err.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    Vault.open(path, PASSPHRASE).close()  # the killed holder's lock does not block


def test_backup_while_open_is_consistent_and_opens(vault: Vault, tmp_path: Path) -> None:
    services = Services(vault, "t")
    for i in range(20):
        add_person(services, f"Person {i}")
    photo = services.attachments.add(io.BytesIO(b"invented photo"), filename="p.jpg")
    dest = services.backup(tmp_path / "copy.hrcase")
    add_person(services, "After backup")
    services.attachments.add(io.BytesIO(b"after the backup"), filename="q.jpg")
    with services.vault.writing() as session:  # the vault's file goes; the backup keeps its own
        content.drop_content(session, photo.id)
    with Vault.open(dest, PASSPHRASE) as copy:
        assert Services(copy).records.count("person") == 20
        assert Services(copy).attachments.read(photo.id) == b"invented photo"
        assert len(list(copy.content_dir.iterdir())) == 1
        assert check_vault(copy).ok


def test_attachments_are_chunked_and_hashed(services: Services) -> None:
    payload = os.urandom(3 * 1024 * 1024 + 17)
    att = services.attachments.add(io.BytesIO(payload), filename="../../etc/passwd\x07.bin")
    assert att.filename == "passwd.bin"
    assert att.size == len(payload)
    assert att.sha256 == hashlib.sha256(payload).hexdigest()
    assert services.attachments.read(att.id) == payload
    assert check_vault(services.vault).ok


def test_check_detects_tampered_audit_and_attachment(services: Services) -> None:
    add_person(services, "Audit Person")
    att = services.attachments.add(io.BytesIO(b"evidence"), filename="note.txt")
    assert check_vault(services.vault).ok
    with services.vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 2")
    [blob] = services.vault.content_dir.iterdir()
    raw = bytearray(blob.read_bytes())
    raw[10] ^= 0x80
    blob.write_bytes(raw)
    problems = " ".join(check_vault(services.vault).problems)
    assert "Audit log altered at entry 2" in problems
    assert att.id in problems


def test_unlock_time_is_bounded(vault: Vault) -> None:
    path = vault.path
    vault.close()
    start = time.perf_counter()
    Vault.open(path, PASSPHRASE).close()
    assert time.perf_counter() - start < 5


def test_absurd_kdf_parameters_are_refused_before_deriving(vault: Vault) -> None:
    path = vault.path
    vault.close()
    doc = json.loads((path / SLOTS_FILE).read_text())
    doc["slots"][0]["kdf"]["memory_kib"] = 2**40
    (path / SLOTS_FILE).write_text(json.dumps(doc))
    start = time.perf_counter()
    with pytest.raises(VaultDamaged):
        KeySlots.load(path / SLOTS_FILE)
    assert time.perf_counter() - start < 1


def _digest_tree(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.iterdir()) if p.is_file()}


def test_backup_of_a_vault_that_lost_a_content_file_keeps_everything_else(
        vault: Vault, tmp_path: Path) -> None:
    services = Services(vault, "t")
    add_person(services, "Kept Person")
    lost = services.attachments.add(io.BytesIO(b"lost photo"), filename="lost.jpg")
    kept = services.attachments.add(io.BytesIO(b"kept photo"), filename="kept.jpg")
    with vault.reading() as session:
        name = session.get(AttachmentBlob, lost.id).file
    (vault.content_dir / name).unlink()
    dest = services.backup(tmp_path / "copy.hrcase")
    with Vault.open(dest, PASSPHRASE) as copy:
        assert Services(copy).records.count("person") == 1
        assert Services(copy).attachments.read(kept.id) == b"kept photo"
        problems = check_vault(copy).problems
    assert len(problems) == 1 and lost.id in problems[0]
