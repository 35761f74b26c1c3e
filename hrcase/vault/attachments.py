"""Attachment content inside the encrypted store, streamed in chunks.

Content is cut into 1 MiB chunks (rows of ``attachment_chunk``), so neither adding nor reading a
2 GB video needs more than a chunk of memory. The SHA-256 is computed while streaming in, and
checked while streaming out by ``verify``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from hrcase.domain.models import Attachment, AttachmentChunk

CHUNK_SIZE = 1024 * 1024


def chunks_of(stream: BinaryIO, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Read ``stream`` in pieces of ``size`` bytes."""
    while True:
        piece = stream.read(size)
        if not piece:
            return
        yield piece


def store_content(session: Session, attachment: Attachment, pieces: Iterable[bytes]) -> None:
    """Write the content of ``attachment`` (replacing any) and set its size and SHA-256."""
    session.execute(delete(AttachmentChunk).where(col(AttachmentChunk.attachment_id) == attachment.id))
    digest, size, seq, buffer = hashlib.sha256(), 0, 0, bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= CHUNK_SIZE:
            seq = _put(session, attachment.id, seq, bytes(buffer[:CHUNK_SIZE]), digest)
            size += CHUNK_SIZE
            del buffer[:CHUNK_SIZE]
    if buffer or seq == 0:
        _put(session, attachment.id, seq, bytes(buffer), digest)
        size += len(buffer)
    attachment.size = size
    attachment.sha256 = digest.hexdigest()


def _put(session: Session, attachment_id: str, seq: int, data: bytes, digest: "hashlib._Hash") -> int:
    """Insert one chunk with a core statement (no ORM object stays in memory)."""
    digest.update(data)
    session.execute(insert(AttachmentChunk).values(attachment_id=attachment_id, seq=seq, data=data))
    return seq + 1


def read_content(session: Session, attachment_id: str) -> Iterator[bytes]:
    """Yield the chunks of an attachment in order, one at a time."""
    count = session.exec(select(func.count()).select_from(AttachmentChunk)
                         .where(AttachmentChunk.attachment_id == attachment_id)).one()
    for seq in range(count):
        row = session.exec(select(AttachmentChunk.data).where(
            AttachmentChunk.attachment_id == attachment_id, AttachmentChunk.seq == seq)).first()
        if row is None:
            return
        yield row


def verify(session: Session, attachment: Attachment) -> bool:
    """Whether the stored content still has the recorded size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    for piece in read_content(session, attachment.id):
        digest.update(piece)
        size += len(piece)
    return size == attachment.size and digest.hexdigest() == attachment.sha256
