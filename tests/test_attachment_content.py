"""Attachment content in the store: chunking, streaming, and the audit entry of a new file.

All content here is invented test data.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Any

import pytest

from hrcase.domain.models import Attachment
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


def test_failed_add_leaves_no_chunk(services: Any) -> None:
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
    with services.vault.reading() as session:
        count = session.connection().exec_driver_sql(
            "SELECT count(*) FROM attachment_chunk").scalar()
    assert count == 0


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
        services.attachments.add(io.BytesIO(os.urandom(4 * MIB)), filename="video.mp4")
        wal = vault_path / (STORE_FILE + "-wal")
        assert wal.stat().st_size > 4 * MIB
        services.records.create("case", {"title": {"en": "Invented case"}})
        services.records.create("case", {"title": {"en": "Another invented case"}})
        assert wal.stat().st_size <= 256 * 1024
    finally:
        vault.close()
