"""Attachment content inside the encrypted store, streamed in chunks.

Content is cut into 1 MiB chunks (rows of ``attachment_chunk``), so neither adding nor reading a
2 GB video needs more than a chunk of memory. ``store_content`` computes the SHA-256 while
streaming in; ``write_chunks`` stores pieces whose hash the caller has already checked (a bundle
import: the bundle reader checks every part against the signed manifest), so the same bytes are
not hashed twice. ``verify`` checks the hash while streaming out.

Speed. Chunks go in and out through one prepared statement each, on the session's own DB-API
connection: a chunk costs one SQLite call, not a compiled SQLAlchemy statement, and a whole
attachment is read by a single query that steps one row at a time. Pieces that already are a
whole chunk are stored as they are, without being copied into a buffer first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sqlmodel import Session

from hrcase.domain.models import Attachment

CHUNK_SIZE = 1024 * 1024

_INSERT = "INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES (?, ?, ?)"
_DELETE = "DELETE FROM attachment_chunk WHERE attachment_id = ?"
_SELECT = "SELECT data FROM attachment_chunk WHERE attachment_id = ? ORDER BY seq"


def chunks_of(stream: BinaryIO, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Read ``stream`` in pieces of ``size`` bytes."""
    while True:
        piece = stream.read(size)
        if not piece:
            return
        yield piece


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
    """Write the content of an attachment (replacing any) in 1 MiB chunks; return its size.

    Nothing is hashed here: use ``store_content`` unless the caller checked the bytes itself.
    An empty content is stored as one empty chunk.
    """
    execute = session.connection().exec_driver_sql
    execute(_DELETE, (attachment_id,))
    size = seq = 0
    buffer = bytearray()
    for piece in pieces:
        size += len(piece)
        if not buffer and len(piece) == CHUNK_SIZE:
            execute(_INSERT, (attachment_id, seq, piece))
            seq += 1
            continue
        buffer += piece
        while len(buffer) >= CHUNK_SIZE:
            execute(_INSERT, (attachment_id, seq, bytes(memoryview(buffer)[:CHUNK_SIZE])))
            del buffer[:CHUNK_SIZE]
            seq += 1
    if buffer or seq == 0:
        execute(_INSERT, (attachment_id, seq, bytes(buffer)))
    return size


def read_content(session: Session, attachment_id: str) -> Iterator[bytes]:
    """Yield the chunks of an attachment in order, one at a time."""
    rows = session.connection().exec_driver_sql(_SELECT, (attachment_id,))
    for (data,) in rows:
        yield data


def verify(session: Session, attachment: Attachment) -> bool:
    """Whether the stored content still has the recorded size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    for piece in read_content(session, attachment.id):
        digest.update(piece)
        size += len(piece)
    return size == attachment.size and digest.hexdigest() == attachment.sha256
