"""Attachment content: encrypted blob files (:mod:`hrcase.vault.blobs`) whose keys live in the
store, in ``attachment_blob`` rows, and change with the store's transactions.

Functions take the session of a vault transaction (its ``info`` names the vault's content
folder, see ``Vault.reading``). A blob is written and synced BEFORE its row, so a committed row
always names a whole file. The files follow the transaction: one written in a transaction that
rolls back is deleted at the rollback; one whose row a transaction removed or replaced is
deleted only after the commit (a rollback keeps it). Whatever a killed process leaves behind has
no row and is removed at the next unlock (:func:`remove_orphans`).

``store_content`` computes the SHA-256 while streaming in; ``write_chunks`` stores pieces whose
hash the caller has already checked (a bundle import: the bundle reader checks every part
against the signed manifest), so the same bytes are not hashed twice. ``verify`` checks the hash
while streaming out. Reading a gigabyte needs one chunk (1 MiB) of memory at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from hrcase.domain.models import Attachment
from hrcase.vault.blobs import (CHUNK_SIZE, Blob, read_blob, remove_blob, remove_unlisted,
                                write_blob)

__all__ = ["CHUNK_SIZE", "chunks_of", "drop_content", "has_content", "named_files",
           "read_content", "remove_orphans", "store_content", "verify", "write_chunks"]

CONTENT_DIR_KEY = "hrcase_content_dir"
"""The key of ``Session.info`` that holds the vault's content folder."""
_WRITTEN = "hrcase_blobs_written"
_RELEASED = "hrcase_blobs_released"

_SELECT = "SELECT file, key, size FROM attachment_blob WHERE attachment_id = ?"
_UPSERT = ("INSERT INTO attachment_blob (attachment_id, file, key, size) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (attachment_id) DO UPDATE SET file = excluded.file, key = excluded.key, "
           "size = excluded.size")
_DELETE = "DELETE FROM attachment_blob WHERE attachment_id = ?"


def chunks_of(stream: BinaryIO, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Read ``stream`` in pieces of ``size`` bytes."""
    while True:
        piece = stream.read(size)
        if not piece:
            return
        yield piece


def content_dir(session: Session) -> Path:
    """The content folder of the vault this session belongs to."""
    folder = session.info.get(CONTENT_DIR_KEY)
    if folder is None:
        raise RuntimeError("the session does not belong to a vault (use vault.reading/writing)")
    return Path(folder)


def store_content(session: Session, attachment: Attachment, pieces: Iterable[bytes]) -> None:
    """Write the content of ``attachment`` (replacing any) and set its size and SHA-256."""
    digest = hashlib.sha256()

    def hashed() -> Iterator[bytes]:
        for piece in pieces:
            digest.update(piece)
            yield piece

    attachment.size = write_chunks(session, attachment.id, hashed())
    attachment.sha256 = digest.hexdigest()


def write_chunks(session: Session, attachment_id: str, pieces: Iterable[bytes]) -> int:
    """Write the content of an attachment (replacing any); return its size.

    Nothing is hashed here: use ``store_content`` unless the caller checked the bytes itself.
    """
    folder = content_dir(session)
    old = _blob(session, attachment_id)
    blob = write_blob(folder, pieces)
    session.info.setdefault(_WRITTEN, []).append(blob.file)
    session.connection().exec_driver_sql(_UPSERT, (attachment_id, blob.file, blob.key,
                                                   blob.size))
    if old is not None:
        session.info.setdefault(_RELEASED, []).append(old.file)
    return blob.size


def read_content(session: Session, attachment_id: str) -> Iterator[bytes]:
    """Yield the content of an attachment in order, chunk by chunk (nothing if it has none).

    Raises BlobDamaged when the content file is missing or altered.
    """
    blob = _blob(session, attachment_id)
    if blob is not None:
        yield from read_blob(content_dir(session), blob)


def has_content(session: Session, attachment_id: str) -> bool:
    """Whether the attachment's content is in the vault."""
    return _blob(session, attachment_id) is not None


def drop_content(session: Session, attachment_id: str) -> None:
    """Remove an attachment's content (the file goes once the transaction commits)."""
    old = _blob(session, attachment_id)
    if old is not None:
        session.connection().exec_driver_sql(_DELETE, (attachment_id,))
        session.info.setdefault(_RELEASED, []).append(old.file)


def verify(session: Session, attachment: Attachment) -> bool:
    """Whether the vault holds the content with the recorded size and SHA-256.

    Raises BlobDamaged when the content file is missing or altered.
    """
    if not has_content(session, attachment.id):
        return False
    digest, size = hashlib.sha256(), 0
    for piece in read_content(session, attachment.id):
        digest.update(piece)
        size += len(piece)
    return size == attachment.size and digest.hexdigest() == attachment.sha256


def named_files(execute: Callable[[str], Iterable[Sequence[Any]]]) -> set[str]:
    """The content files a store names; ``execute`` runs SQL on it (a DB-API connection's
    ``execute`` or a SQLAlchemy connection's ``exec_driver_sql``). None before migration 0008
    made the table."""
    if not list(execute("SELECT 1 FROM sqlite_master WHERE name = 'attachment_blob'")):
        return set()
    return {row[0] for row in execute("SELECT file FROM attachment_blob")}


def remove_orphans(conn: Connection, folder: Path) -> int:
    """Delete the blob files no row names (left by a killed process, or by a downgrade that
    moved the content back into the store); return how many. Call only while no transaction
    of this vault is writing."""
    return remove_unlisted(folder, named_files(conn.exec_driver_sql))


def _blob(session: Session, attachment_id: str) -> Blob | None:
    row = session.connection().exec_driver_sql(_SELECT, (attachment_id,)).first()
    return None if row is None else Blob(file=row[0], key=bytes(row[1]), size=row[2])


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    """The committed rows no longer name the released files: delete them."""
    _settle(session, delete=session.info.pop(_RELEASED, []))


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    """No committed row names the files written in the transaction: delete them."""
    _settle(session, delete=session.info.pop(_WRITTEN, []))


def _settle(session: Session, delete: list[str]) -> None:
    """Forget the transaction's files; delete the ``delete`` ones."""
    session.info.pop(_WRITTEN, None)
    session.info.pop(_RELEASED, None)
    folder = session.info.get(CONTENT_DIR_KEY)
    if folder is not None:
        for name in delete:
            remove_blob(Path(folder), name)
