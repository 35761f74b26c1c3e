"""Attachment content: encrypted content files that follow the store's transactions, chunking,
streaming, and the audit entry of a new file.

All content here is invented test data.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Any

import pytest

from hrcase.domain.models import Attachment, Setting
from hrcase.errors import ValidationError
from hrcase.services import bundles
from hrcase.services.serialize import to_dict
from hrcase.vault import Vault, audit, engine
from hrcase.vault import attachments as content
from hrcase.vault.layout import STORE_FILE

from .conftest import PASSPHRASE

MIB = content.CHUNK_SIZE


def test_new_attachment_is_audited_with_its_final_hash(services: Any) -> None:
    data = os.urandom(2 * MIB + 17)
    record = services.attachments.add(io.BytesIO(data), filename="photo.jpg")
    assert (record.size, record.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    entries = services.records.history("attachment", record.id)
    assert [e.action for e in entries] == ["create"]
    assert entries[0].state_hash == audit.state_hash(to_dict(record))
    with services.vault.reading() as session:
        # the version a bundle sends is already in the chain: no compensating entry needed
        head = bundles.record_hash(bundles.travelling_dict("attachment", record))
        assert head in bundles._audit_histories(session, {record.id})[record.id]
        assert audit.verify_chain(session) == []


def test_bad_fields_are_refused_before_the_content_is_read(services: Any) -> None:
    class Unreadable(io.RawIOBase):
        def readinto(self, buffer: Any) -> int:
            raise AssertionError("the content must not be read")

    with pytest.raises(ValidationError):
        services.attachments.add(Unreadable(), filename="a.txt", captured_at="not a date")


def _content_files(services: Any) -> list[str]:
    return sorted(p.name for p in services.vault.content_dir.iterdir())


def _blob_rows(services: Any) -> int:
    with services.vault.reading() as session:
        return session.connection().exec_driver_sql(
            "SELECT count(*) FROM attachment_blob").scalar()


def test_failed_add_leaves_no_content(services: Any) -> None:
    class Failing(io.RawIOBase):
        def __init__(self) -> None:
            self.calls = 0

        def readinto(self, buffer: Any) -> int:
            self.calls += 1
            if self.calls > 2:
                raise OSError("the invented disk went away")
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    with pytest.raises(OSError):
        services.attachments.add(io.BufferedReader(Failing()), filename="a.bin")
    assert _blob_rows(services) == 0 and _content_files(services) == []


def test_content_is_an_encrypted_file_whose_key_is_in_the_store(services: Any) -> None:
    marker = b"Invented testimony photo caption " * 1000
    record = services.attachments.add(io.BytesIO(marker), filename="caption.txt")
    [name] = _content_files(services)
    raw = (services.vault.content_dir / name).read_bytes()
    assert marker[:32] not in raw and record.id not in name
    assert len(raw) == len(marker) + 8 + 16  # magic, one chunk, its tag
    assert services.attachments.read(record.id) == marker


def test_rolled_back_write_removes_its_file_and_keeps_the_old_one(services: Any) -> None:
    record = services.attachments.add(io.BytesIO(b"first invented content"), filename="a.txt")
    before = _content_files(services)
    with pytest.raises(RuntimeError), services.vault.writing() as session:
        content.write_chunks(session, record.id, [b"replacement"])
        assert len(_content_files(services)) == 2
        raise RuntimeError("the invented caller gives up")
    assert _content_files(services) == before
    assert services.attachments.read(record.id) == b"first invented content"


def test_replaced_and_dropped_content_files_go_only_after_the_commit(services: Any) -> None:
    record = services.attachments.add(io.BytesIO(b"first invented content"), filename="a.txt")
    [first] = _content_files(services)
    with services.vault.writing() as session:
        content.write_chunks(session, record.id, [b"second"])
        assert first in _content_files(services)  # still named by the committed row
    [second] = _content_files(services)
    assert second != first
    with services.vault.writing() as session:
        content.drop_content(session, record.id)
        assert _content_files(services) == [second]
    assert _content_files(services) == [] and _blob_rows(services) == 0
    with services.vault.reading() as session:
        assert not content.has_content(session, record.id)


def test_orphan_files_of_a_killed_write_are_removed_at_unlock(vault_path: Path) -> None:
    from hrcase.services import Services
    from hrcase.vault.blobs import write_blob

    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    record = Services(vault, "Tester").attachments.add(io.BytesIO(b"kept"), filename="k.txt")
    orphan = write_blob(vault.content_dir, [b"written, but its row never committed"])
    stranger = vault.content_dir / "notes-of-the-user.txt"
    stranger.write_bytes(b"not ours")
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as again:
        names = {p.name for p in again.content_dir.iterdir()}
        assert orphan.file not in names and stranger.name in names and len(names) == 2
        assert Services(again).attachments.read(record.id) == b"kept"


@pytest.mark.parametrize("damage", ["flip", "truncate", "remove", "swap"])
def test_damaged_content_is_refused_not_returned(services: Any, damage: str) -> None:
    from hrcase.vault.blobs import BlobDamaged

    data = os.urandom(2 * MIB + 5)
    record = services.attachments.add(io.BytesIO(data), filename="video.mp4")
    other = services.attachments.add(io.BytesIO(os.urandom(len(data))), filename="other.mp4")
    with services.vault.reading() as session:
        name = session.connection().exec_driver_sql(
            "SELECT file FROM attachment_blob WHERE attachment_id = ?", (record.id,)).scalar()
        other_name = session.connection().exec_driver_sql(
            "SELECT file FROM attachment_blob WHERE attachment_id = ?", (other.id,)).scalar()
    path = services.vault.content_dir / name
    raw = bytearray(path.read_bytes())
    if damage == "flip":
        raw[MIB + 100] ^= 0x01
        path.write_bytes(raw)
    elif damage == "truncate":
        path.write_bytes(raw[:-MIB])
    elif damage == "remove":
        path.unlink()
    else:  # another file of the same length under this name: another key sealed it
        path.write_bytes((services.vault.content_dir / other_name).read_bytes())
    with pytest.raises(BlobDamaged):
        services.attachments.read(record.id)
    from hrcase.services.check import check_vault
    report = check_vault(services.vault)
    assert len(report.problems) == 1 and record.id in report.problems[0]


@pytest.mark.parametrize("sizes", [[], [0], [MIB], [5, MIB, MIB - 5, 3], [3 * MIB + 1], [70_000] * 40])
def test_pieces_of_any_size_come_back_in_whole_chunks(services: Any, sizes: list[int]) -> None:
    pieces = [os.urandom(size) for size in sizes]
    record = services.attachments.add(io.BytesIO(b""), filename="empty.bin")
    with services.vault.writing() as session:
        stored = session.get(Attachment, record.id)
        content.store_content(session, stored, iter(pieces))
        session.add(stored)
    with services.vault.reading() as session:
        chunks = list(content.read_content(session, record.id))
        assert content.verify(session, stored)
    whole = b"".join(pieces)
    assert b"".join(chunks) == whole and stored.sha256 == hashlib.sha256(whole).hexdigest()
    assert all(len(chunk) == MIB for chunk in chunks[:-1]) and len(chunks[-1]) <= MIB
    assert len(chunks) == max(1, -(-len(whole) // MIB))


def test_write_chunks_trusts_its_caller(services: Any) -> None:
    record = services.attachments.add(io.BytesIO(b"original invented text"), filename="a.txt")
    with services.vault.writing() as session:
        assert content.write_chunks(session, record.id, [b"other ", b"text"]) == 10
    with services.vault.reading() as session:
        assert b"".join(content.read_content(session, record.id)) == b"other text"
        assert not content.verify(session, record)  # the record still names the old hash


def test_wal_is_cut_back_after_a_large_transaction(vault_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from hrcase.services import Services

    monkeypatch.setattr(engine, "WAL_LIMIT_BYTES", 256 * 1024)
    vault, _recovery = Vault.create(vault_path, PASSPHRASE)
    try:
        services = Services(vault, "Tester")
        with vault.writing() as session:  # one large transaction
            session.add(Setting(key="invented", value=os.urandom(2 * MIB).hex()))
        wal = vault_path / (STORE_FILE + "-wal")
        assert wal.stat().st_size > 4 * MIB
        services.records.create("case", {"title": {"en": "Invented case"}})
        services.records.create("case", {"title": {"en": "Another invented case"}})
        assert wal.stat().st_size <= 256 * 1024
    finally:
        vault.close()


def test_size_and_hash_follow_the_content_not_edits(services: Any) -> None:
    record = services.attachments.add(io.BytesIO(b"invented content"), filename="a.txt")
    edited = services.records.update("attachment", record.id,
                                     {"sha256": "0" * 64, "size": 1, "provenance": "phone"})
    assert (edited.sha256, edited.size, edited.provenance) == (record.sha256, 16, "phone")
    from hrcase.services.check import check_vault
    assert check_vault(services.vault).ok


def test_large_content_is_flushed_to_disk_while_it_is_written(
        services: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from hrcase.vault import fsutil

    synced: list[int] = []

    def fdatasync(fd: int) -> None:
        synced.append(fd)
        raise OSError("an invented early flush failure: the final fsync decides")

    monkeypatch.setattr(fsutil.EarlyFlush, "EVERY", MIB)
    monkeypatch.setattr(fsutil.os, "fdatasync", fdatasync, raising=False)
    data = os.urandom(5 * MIB + 3)
    record = services.attachments.add(io.BytesIO(data), filename="video.mp4")
    assert synced and services.attachments.read(record.id) == data
